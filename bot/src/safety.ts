// What the bot says in a group is masked (phone and ID numbers) and bounded; what residents send is bounded too.

const PHONE = /(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g;
const ID_CARD = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;

/** Same rule as the server's logger: 138****1234, 110101********123X. */
export function maskPii(text: string): string {
  return text.replace(ID_CARD, '$1********$2').replace(PHONE, '$1****$2');
}

/** Longest description the bot files for one message; the rest is cut with a note (the server allows 2000). */
export const MAX_REPORT_CHARS = 500;
/** Longest single message the bot posts to a chat. */
export const MAX_SAY_CHARS = 600;

export function truncate(text: string, max: number, note: string): { text: string; truncated: boolean } {
  const chars = Array.from(text);
  if (chars.length <= max) return { text, truncated: false };
  return { text: chars.slice(0, max).join('') + note, truncated: true };
}

/** A report's text as filed: trimmed and bounded. */
export function boundReport(text: string): { text: string; truncated: boolean } {
  return truncate(text.trim(), MAX_REPORT_CHARS, '…（内容过长，已截取前 500 字）');
}

/** Text the bot posts: masked, bounded. */
export function safeOutgoing(text: string): string {
  return truncate(maskPii(text), MAX_SAY_CHARS, '…（内容较长，详情请在小程序查看）').text;
}

/** Fixed-window limit per sender, so one person (or a script) cannot flood the ticket queue. */
export class SenderLimiter {
  private readonly hits = new Map<string, { start: number; count: number; warned: boolean }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** 'ok' → handle it; 'warn' → first refusal in this window (tell them once); 'drop' → ignore silently. */
  take(sender: string, now = Date.now()): 'ok' | 'warn' | 'drop' {
    const h = this.hits.get(sender);
    if (!h || now - h.start >= this.windowMs) {
      this.hits.set(sender, { start: now, count: 1, warned: false });
      if (this.hits.size > 5000) for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k);
      return 'ok';
    }
    if (h.count < this.limit) {
      h.count += 1;
      return 'ok';
    }
    if (h.warned) return 'drop';
    h.warned = true;
    return 'warn';
  }
}
