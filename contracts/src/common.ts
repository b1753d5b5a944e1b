// Primitive schemas reused by every domain: ids, pagination, bounded strings.
import { z } from 'zod';

export const ObjectIdString = z.string().regex(/^[0-9a-f]{24}$/i, '无效的编号');
export type ObjectIdString = z.infer<typeof ObjectIdString>;

export const CommunityId = z.string().regex(/^[a-z0-9-]{2,32}$/, '无效的社区编号');

/** Opaque keyset cursor: base64url of the sort key of the last item. */
export const Cursor = z.string().max(200);

export const PageQuery = z
  .object({
    cursor: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const text = (max: number, min = 1) =>
  z.string().trim().min(min, '内容不能为空').max(max, `内容不能超过 ${max} 个字`);

/** Building/unit/room as written on the door plates (e.g. "3号楼" "2单元" "301"). */
export const Address = z
  .object({
    building: text(20),
    unit: text(20).optional(),
    room: text(20).optional(),
  })
  .strict();
export type Address = z.infer<typeof Address>;
