// Yuan typed by staff ↔ integer fen stored by the server, without floating-point arithmetic.
export { formatFen } from '@linli/contracts';

/** "1,234.5" / "1234.56" / "12" → fen; null when it is not a positive amount with at most two decimals. */
export function yuanToFen(input: string): number | null {
  const s = input.replace(/[,，\s]/g, '').replace(/^¥/, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : null;
}
