// Edge validation: parse a value with a zod schema, or throw a 422 listing what is wrong (the route adapter uses it for query and body).
import { z, type ZodTypeAny } from 'zod';
import { AppError, zodDetails } from './errors';

export function parse<S extends ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('VALIDATION', '提交的内容有误', zodDetails(r.error));
  return r.data;
}
