// Reading a resident's words: the category keyword rules and the place ("3号楼二单元电梯坏了" → 电梯, 3号楼 2单元), shared by the bot's intake and the server's triage.
import type { Address } from './common';
import type { TicketCategory } from './tickets';

/** Keyword → category, checked in order: the more specific or dangerous readings come first. */
export const CATEGORY_RULES: ReadonlyArray<readonly [TicketCategory, RegExp]> = [
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

/** The first rule the words hit, or 其他. */
export function guessCategory(text: string): TicketCategory {
  for (const [cat, re] of CATEGORY_RULES) if (re.test(text)) return cat;
  return '其他';
}

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
