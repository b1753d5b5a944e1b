// Pure parsing of status queries: "查询 BM-000123" (a number) or "我的工单" (everything the sender reported).

export type QueryCommand = { kind: 'ticket'; no: string } | { kind: 'mine' };

const BY_NO = /(?:查询|查一下|查|进度|工单)\s*[：:]?\s*([A-Za-z]{1,8})\s*[-－—_ ]?\s*(\d{1,10})/;
const BARE_NO = /^([A-Za-z]{1,8})[-－—_](\d{1,10})$/;
const MINE = /我的(?:工单|报修|报事|投诉|反映)|我报的|查询工单$|查工单$|工单进度$/;

/** Ticket numbers are PREFIX-000123; residents type them loosely (bm123, BM－123). */
export function normalizeTicketNo(prefix: string, digits: string): string {
  return `${prefix.toUpperCase()}-${digits.replace(/^0+(?=\d)/, '').padStart(6, '0')}`;
}

export function parseQuery(body: string): QueryCommand | null {
  const text = body.trim();
  const m = BY_NO.exec(text) ?? BARE_NO.exec(text);
  if (m) return { kind: 'ticket', no: normalizeTicketNo(m[1]!, m[2]!) };
  if (MINE.test(text)) return { kind: 'mine' };
  return null;
}
