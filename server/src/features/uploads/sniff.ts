// Detects a file's real type from its magic bytes; the client's declared type is never trusted alone.
export type Sniffed = { mime: string; kind: 'image' | 'audio' | 'document' } | null;

const startsWith = (b: Buffer, sig: number[] | string, offset = 0) => {
  const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
  return b.length >= offset + bytes.length && b.subarray(offset, offset + bytes.length).equals(bytes);
};

export function sniff(buf: Buffer, declared?: string): Sniffed {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', kind: 'image' };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', kind: 'image' };
  if (startsWith(buf, 'GIF87a') || startsWith(buf, 'GIF89a')) return { mime: 'image/gif', kind: 'image' };
  if (startsWith(buf, 'RIFF') && startsWith(buf, 'WEBP', 8)) return { mime: 'image/webp', kind: 'image' };
  // WeChat voice: SILK v3, with or without the leading 0x02 byte that WeChat adds.
  if (startsWith(buf, '#!SILK_V3') || startsWith(buf, '\x02#!SILK_V3')) return { mime: 'audio/silk', kind: 'audio' };
  if (startsWith(buf, 'ID3')) return { mime: 'audio/mpeg', kind: 'audio' };
  if (buf.length >= 2 && buf[0] === 0xff && (buf[1]! & 0xf6) === 0xf0) return { mime: 'audio/aac', kind: 'audio' };
  if (buf.length >= 2 && buf[0] === 0xff && (buf[1]! & 0xe0) === 0xe0) return { mime: 'audio/mpeg', kind: 'audio' };
  if (startsWith(buf, 'RIFF') && startsWith(buf, 'WAVE', 8)) return { mime: 'audio/wav', kind: 'audio' };
  if (startsWith(buf, 'OggS')) return { mime: 'audio/ogg', kind: 'audio' };
  if (startsWith(buf, [0x1a, 0x45, 0xdf, 0xa3])) return { mime: 'audio/webm', kind: 'audio' };
  if (startsWith(buf, 'ftyp', 4)) return { mime: 'audio/mp4', kind: 'audio' };
  if (startsWith(buf, '%PDF-')) return { mime: 'application/pdf', kind: 'document' };
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) && declared === xlsx) return { mime: xlsx, kind: 'document' };
  if (declared === 'text/csv' && !buf.includes(0) && isUtf8(buf)) return { mime: 'text/csv', kind: 'document' };
  return null;
}

function isUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}
