// Pure parsing of 「绑定 123456」: a resident (or a family member) binds her WeChat to the registry with a code from staff.

export type BindCommand = { kind: 'code'; code: string } | { kind: 'malformed' };

const FULL_WIDTH_DIGIT = /[０-９]/g;

/** "绑定 123456", "绑定：123 456", "绑定码123456"; "绑定" with anything but six digits is malformed (answered with how to do it). */
export function parseBind(body: string): BindCommand | null {
  const t = body.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
  const m = /^(?:我要)?绑定(?:码|微信)?\s*[：:，,]?\s*([\dA-Za-z\s-]*)\s*[。.!！]?$/.exec(t);
  if (!m) return null;
  const digits = m[1]!.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? { kind: 'code', code: digits } : { kind: 'malformed' };
}

/** A name as the bot says it in a group: 王秀兰 → 王*兰, 李华 → 李* (the full name only in a private chat). */
export function maskName(name: string): string {
  const c = Array.from(name);
  if (c.length <= 1) return name;
  if (c.length === 2) return `${c[0]}*`;
  return `${c[0]}${'*'.repeat(c.length - 2)}${c[c.length - 1]}`;
}
