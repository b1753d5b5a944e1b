// How a stored document relates to the contract DTO it is shown as, so a model states only what the DTO does not.
import type { Types } from 'mongoose';

/**
 * The DTO's fields as stored: its string `id` becomes the ObjectId `_id`, and the ISO-string fields named in `Dates`
 * become Dates (optional ones stay optional). Fields a DTO adds for one viewer are left out with `Omit` by the caller.
 */
export type Stored<Dto extends { id: string }, Dates extends keyof Dto = never> = { _id: Types.ObjectId } & Omit<Dto, 'id' | Dates> & {
  [K in keyof Pick<Dto, Dates>]: Date;
};
