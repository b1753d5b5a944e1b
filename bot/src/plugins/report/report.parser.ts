// Pure rules for intake: is a message addressed to the bot, what is its body, and which ticket category it most likely is.
import { guessCategory, parsePlace } from '@linli/contracts';
import type { Address } from '@linli/contracts';

export const REPORT_PREFIXES = ['报修', '投诉', '求助', '反映'] as const;

export interface Addressing {
  /** The bot should act: @-mentioned, a report prefix, or a private chat. */
  addressed: boolean;
  mentioned: boolean;
  /** Starts with 报修/投诉/求助/反映: always a report, never an FAQ question. */
  explicitReport: boolean;
  /** The text with the @mention and the report prefix removed. */
  body: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `botName` is the bot's WeChat name and, in a room, its group nickname (群昵称) — WeChat writes the @ with the nickname.
 * `mentionedById` is the puppet's own mention list (real puppets fill it; the mock does not).
 */
export function addressing(text: string, o: { botName: string | string[]; isPrivate: boolean; mentionedById?: boolean }): Addressing {
  let body = text.replace(/\u2005/g, ' ').trim();
  let mentioned = !!o.mentionedById;
  for (const name of (Array.isArray(o.botName) ? o.botName : [o.botName]).filter(Boolean)) {
    const at = new RegExp(`@${escape(name)}(?=\\s|$|[，,：:])`, 'g');
    if (at.test(body)) {
      mentioned = true;
      body = body.replace(at, ' ').trim();
    }
  }
  body = body.replace(/^[，,：:\s]+/, '');
  let explicitReport = false;
  for (const p of REPORT_PREFIXES) {
    if (body.startsWith(p)) {
      explicitReport = true;
      body = body.slice(p.length).replace(/^[\s，,：:。.、!！]+/, '').trim();
      break;
    }
  }
  return { addressed: mentioned || explicitReport || o.isPrivate, mentioned, explicitReport, body };
}

// The category rules and the place reader are shared with the server's triage (contracts/src/report-words.ts).
export { guessCategory } from '@linli/contracts';

/** True when the text names a concrete problem (a category other than 其他). */
export const looksLikeProblem = (text: string) => guessCategory(text) !== '其他';

export { parsePlace, smallNumber } from '@linli/contracts';

/** An answer to 「请问是几号楼几单元？」: a short message naming a building ("3号楼2单元", "在三号楼", "5号楼1单元302"). */
export function parsePlaceAnswer(text: string): Address | undefined {
  const t = text.trim();
  // "3号楼电梯坏了" names a place too, but it is a new report, not an answer.
  if (Array.from(t).length > 20 || looksLikeProblem(t)) return undefined;
  const place = parsePlace(t);
  if (!place) return undefined;
  const room = /(?:单元|号楼|栋)\s*(\d{3,4})\s*(?:室|号|房)?\s*[。.!！]?$/.exec(t);
  return room ? { ...place, room: room[1]! } : place;
}

/** The answer to 「要帮您登记…吗？」: yes, no, or something else (then the question stays open until it expires). */
export function parseYesNo(text: string): 'yes' | 'no' | null {
  const t = text.replace(/[\s。.!！~～，,]/g, '');
  if (/^(?:是|是的|对|对的|好|好的|嗯|嗯嗯|要|要的|登记|帮我登记|行|可以|麻烦了)$/.test(t)) return 'yes';
  if (/^(?:不用|不用了|不要|不是|否|算了|不|没事|没事了)$/.test(t)) return 'no';
  return null;
}
