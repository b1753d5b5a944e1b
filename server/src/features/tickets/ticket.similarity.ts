// Pure helpers for duplicate linking: where a problem is (one comparable key), who reported it (a household), and how alike two reports read.
import type { Address, Reporter } from '@linli/contracts';

/** `device:<id>` when the problem is a device, else `place:<building>|<unit>`; undefined when the place is unknown (never linked). */
export function placeKeyOf(location: Address | undefined, deviceId?: string): string | undefined {
  if (deviceId) return `device:${deviceId}`;
  if (!location?.building) return undefined;
  return `place:${norm(location.building)}|${norm(location.unit ?? '')}`;
}

/** "3号楼2单元" from a place key's parts, for what residents see. */
export function placeLabel(location: Address | undefined, deviceId?: string): string {
  if (location?.building) return `${location.building}${location.unit ?? ''}`;
  return deviceId ? '同一设备' : '';
}

/**
 * A household key: the reporter's registered household, else the person (resident, WeChat contact, phone), the room, or
 * the ticket itself. Two reports from one home count once when deciding whether many households are affected.
 */
export function householdKey(
  reporter: Reporter,
  householdId: string | undefined,
  location: Address | undefined,
  ticketId: string,
): string {
  if (householdId) return `hh:${householdId}`;
  if (reporter.residentId) return `res:${reporter.residentId}`;
  if (reporter.wechatId) return `wx:${reporter.wechatId}`;
  if (reporter.phone) return `tel:${reporter.phone}`;
  if (location?.room) return `room:${norm(location.building)}|${norm(location.unit ?? '')}|${norm(location.room)}`;
  return `ticket:${ticketId}`;
}

// Place words and filler carry no meaning about *what* is wrong: "3号楼的电梯又坏了" and "电梯坏了" say the same thing.
const PLACE = /[0-9０-９一二三四五六七八九十]+\s*(号楼|栋|幢|单元|层|楼|室|号)/g;
const NOISE = /[\s\p{P}\p{S}了又的啊呢吧呀嘛哦喔么还都也就很太真是在有我们你您家里这那个]/gu;

function norm(s: string): string {
  return s.trim().replace(/\s+/g, '');
}

function bigrams(text: string): Set<string> {
  const s = text.toLowerCase().replace(PLACE, '').replace(NOISE, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
}

/** Dice coefficient of the character bigrams of two reports (0 = nothing in common, 1 = the same words), place words and filler removed. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return Math.round(((2 * common) / (x.size + y.size)) * 100) / 100;
}
