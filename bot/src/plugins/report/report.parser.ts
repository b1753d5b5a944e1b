// Pure rules for intake: is a message addressed to the bot, what is its body, and which ticket category it most likely is.
import type { Address, TicketCategory } from '@linli/contracts';

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

/** Keyword → category, checked in order: the more specific or dangerous readings come first. */
const RULES: Array<[TicketCategory, RegExp]> = [
  ['电梯', /电梯|梯子困人|困梯/],
  ['燃气', /燃气|煤气|天然气|漏气|气味.*(煤|燃)/],
  ['安全隐患', /消防|着火|起火|冒烟|烟雾|火灾|隐患|危险|触电|坍塌|掉落|高空/],
  ['水电', /漏水|渗水|水管|爆管|停水|没水|水压|水表|停电|断电|没电|跳闸|电闸|电表|插座|电线|下水道|堵了|堵塞/],
  ['路灯照明', /路灯|楼道灯|灯不亮|灯坏|照明|黑灯/],
  ['噪音扰民', /噪音|噪声|太吵|吵闹|扰民|装修声|广场舞/],
  ['环境卫生', /垃圾|卫生|清扫|打扫|异味|臭|脏|污水|老鼠|蟑螂|蚊子|落叶/],
  ['停车', /车位|停车|乱停|占道|挡路|堵车|挪车/],
  ['邻里纠纷', /邻居|纠纷|吵架|矛盾|打架/],
  ['公共设施', /门禁|井盖|健身器材|座椅|长椅|栏杆|单元门|信箱|绿化|树枝|公共设施|楼梯扶手|扶手/],
];

export function guessCategory(text: string): TicketCategory {
  for (const [cat, re] of RULES) if (re.test(text)) return cat;
  return '其他';
}

/** True when the text names a concrete problem (a category other than 其他). */
export const looksLikeProblem = (text: string) => guessCategory(text) !== '其他';

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "3", "三", "十二", "二十" → 3, 3, 12, 20 (small numbers only: buildings and units). */
export function smallNumber(s: string): number | null {
  if (/^\d{1,3}$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || !s) return null;
  if (!m[2]) return m[1] && !m[3] ? CN_DIGITS[m[1]]! : null;
  return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[3] ? CN_DIGITS[m[3]]! : 0);
}

const NUM = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';
const BUILDING = new RegExp(`${NUM}\\s*(?:号楼|号?栋|号?幢|号院楼)`);
// 好楼: a common slip of the pinyin keyboard for 号楼.
const BUILDING_TYPO = new RegExp(`(\\d{1,3})\\s*好楼`);
const UNIT = new RegExp(`${NUM}\\s*单元`);

/** The building (and unit) a report names — "3号楼二单元电梯坏了" → 3号楼 2单元 — so it reaches the grid worker of that building; none without a building. */
export function parsePlace(text: string): Address | undefined {
  const b = BUILDING.exec(text) ?? BUILDING_TYPO.exec(text);
  const n = b ? smallNumber(b[1]!) : null;
  if (!n) return undefined;
  const u = UNIT.exec(text);
  const un = u ? smallNumber(u[1]!) : null;
  return { building: `${n}号楼`, ...(un ? { unit: `${un}单元` } : {}) };
}

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
