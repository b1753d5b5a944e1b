// Primitive schemas reused by every domain: ids, pagination, bounded strings.
import { z } from 'zod';

export const ObjectIdString = z.string().regex(/^[0-9a-f]{24}$/i, '无效的编号');
export type ObjectIdString = z.infer<typeof ObjectIdString>;

export const CommunityId = z.string().regex(/^[a-z0-9-]{2,32}$/, '无效的社区编号');

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const B64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url → the ASCII text it encodes (null when it is not base64url); no Buffer/atob, so it runs in the mini-program too. */
export function decodeBase64UrlAscii(s: string): string | null {
  if (!BASE64URL.test(s) || s.length % 4 === 1) return null;
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const ch of s) {
    acc = (acc << 6) | B64_DIGITS.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (acc >> bits) & 0xff;
      if (byte > 0x7e || byte < 0x20) return null;
      out += String.fromCharCode(byte);
    }
  }
  return out;
}

/**
 * Opaque keyset cursor: base64url of the sort key of the last item. Anything else (`!!!`, `%`) is refused rather than
 * silently read as "first page", so a client bug shows instead of looping over page one. Empty means no cursor.
 */
export const Cursor = z.string().max(200).regex(BASE64URL, '无效的翻页参数');

/** The cursor of lists keyed by _id: base64url of a 24-hex ObjectId (what the server's encodeCursor writes). */
export const IdCursor = Cursor.refine((c) => c === '' || /^[0-9a-f]{24}$/.test(decodeBase64UrlAscii(c) ?? ''), '无效的翻页参数');

/** A real calendar day "YYYY-MM-DD" (2026-13-45 and 2026-02-30 are refused). */
export const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期不存在');

export const PageQuery = z
  .object({
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** C0/C1 control characters other than tab, newline and carriage return: never typed by a person, NUL breaks C consumers. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/**
 * Bidirectional embedding/override/isolate controls: a name like "王 + U+202E + …" renders reversed (a spoofed room number,
 * a filename that ends in .exe but shows .jpg). Chinese text never needs them.
 */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
/** Whitespace and characters that render as nothing (zero-width space/joiners, word joiner, BOM, soft hyphen, fillers). */
const INVISIBLE = /[\s\u00AD\u034F\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0]/gu;

/**
 * Free text typed by a person: trimmed, bounded, no control characters, and (when required) something visible —
 * text made only of zero-width characters is empty to a reader. Zero-width joiners inside text stay (emoji need them).
 */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, '内容不能为空')
    .max(max, `内容不能超过 ${max} 个字`)
    .refine((s) => !CONTROL.test(s), '内容不能包含控制字符')
    .refine((s) => !BIDI.test(s), '内容不能包含文字方向控制字符')
    .refine((s) => min === 0 || s.replace(INVISIBLE, '').length > 0, '内容不能为空');

/** Building/unit/room as written on the door plates (e.g. "3号楼" "2单元" "301"). */
export const Address = z
  .object({
    building: text(20),
    unit: text(20).optional(),
    room: text(20).optional(),
  })
  .strict();
export type Address = z.infer<typeof Address>;
