// Demo only: six months of realistic, finished 报修 history for 北门社区 (same every run), so the dashboard, 接诉即办 and the big screen show trends from the first start.
import type { ResidentDto, StaffDto, TicketCategory, TicketChannel } from '@linli/contracts';
import type { HistoricalTicket } from './ticket.history';
import type { TicketService } from './ticket.service';

/** mulberry32: a small seeded generator, so every demo start gets the same history. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What people report, how often, and roughly how long it takes to finish (hours). */
const KINDS: Array<{ category: TicketCategory; weight: number; hours: [number, number]; words: string[] }> = [
  { category: '水电', weight: 18, hours: [1, 10], words: ['楼道灯不亮了', '厨房水管漏水', '家里停水了，别家有水', '电表箱跳闸', '卫生间下水道堵了'] },
  { category: '环境卫生', weight: 16, hours: [2, 30], words: ['门口垃圾没人清', '绿化带里有很多烟头', '楼道里堆了旧家具', '垃圾桶满了溢出来', '有人在楼道里养鸡'] },
  { category: '电梯', weight: 10, hours: [0.5, 6], words: ['电梯停在5楼不动', '电梯门关不上', '电梯里有异响', '电梯按钮不灵'] },
  { category: '公共设施', weight: 12, hours: [3, 60], words: ['单元门门禁坏了', '健身器材螺丝松了', '楼道扶手松动', '信报箱门掉了'] },
  { category: '停车', weight: 9, hours: [1, 20], words: ['消防通道被车堵了', '电动车在楼道里充电', '外来车辆占了车位'] },
  { category: '噪音扰民', weight: 7, hours: [1, 30], words: ['楼上晚上装修很吵', '广场舞音响太大声', '空调外机噪音大'] },
  { category: '路灯照明', weight: 8, hours: [4, 50], words: ['小区路灯不亮', '车棚的灯坏了', '北门口的灯一直闪'] },
  { category: '安全隐患', weight: 5, hours: [0.5, 8], words: ['井盖松了有人差点摔倒', '外墙瓷砖掉下来', '树枝快断了压着电线'] },
  { category: '燃气', weight: 3, hours: [0.5, 3], words: ['楼道里有燃气味', '燃气表不走字'] },
  { category: '邻里纠纷', weight: 4, hours: [6, 72], words: ['楼上漏水到我家，协商不成', '邻居在公共区域堆放杂物'] },
  { category: '其他', weight: 8, hours: [2, 48], words: ['想咨询老年卡怎么办', '快递柜打不开', '小区里有流浪狗'] },
];
const CHANNELS: Array<[TicketChannel, number]> = [['app', 45], ['bot', 30], ['desk', 25]];
const COMMENTS: Record<number, string[]> = {
  5: ['很快就修好了，谢谢', '师傅很负责', '社区办事真利索', ''],
  4: ['修好了，就是等了一会儿', '挺好的', ''],
  3: ['修好了，但是来回跑了两趟', ''],
  2: ['拖的时间太长了'],
  1: ['说了好几次才来'],
};

function pick<T>(r: () => number, items: Array<[T, number]>): T {
  let x = r() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/**
 * About 30–45 finished reports a month for the six months before `now`: more 水电 in summer, sign-for times that improve
 * month by month (the point of 接诉即办), most finished on time, three in four rated (in the app, or on the 回访 call).
 */
export function demoHistory(now: Date, residents: ResidentDto[], staff: { grid: StaffDto[]; desk: StaffDto }, seed = 20261201): HistoricalTicket[] {
  const r = rng(seed);
  const out: HistoricalTicket[] = [];
  const day = 86_400_000;
  const eight = 8 * 3_600_000;
  // Midnight in Shanghai, 182 days ago.
  const start = Math.floor((now.getTime() + eight - 182 * day) / day) * day - eight;
  for (let d = 0; d < 181; d++) {
    const month = Math.floor(d / 31);
    const perDay = 1 + (r() < 0.15 ? 1 : 0) + (r() < 0.05 ? 1 : 0);
    for (let k = 0; k < perDay; k++) {
      const kind = pick(r, KINDS.map((x) => [x, x.weight * (x.category === '水电' && month < 3 ? 1.6 : 1)]));
      const who = residents[Math.floor(r() * residents.length)]!;
      const channel = pick(r, CHANNELS);
      const createdAt = new Date(start + d * day + (7 + r() * 15) * 3_600_000); // 07:00–22:00 Shanghai
      const signMinutes = Math.max(2, (40 - month * 5) * (0.3 + r() * 1.4));
      const signedAt = new Date(createdAt.getTime() + signMinutes * 60_000);
      const [lo, hi] = kind.hours;
      const resolvedAt = new Date(signedAt.getTime() + (lo + r() * r() * (hi - lo)) * 3_600_000);
      const grid = staff.grid.find((s) => s.buildings?.includes(who.building ?? '')) ?? staff.grid[0]!;
      const handler = channel === 'desk' ? staff.desk : grid;
      const score = r() < 0.75 ? pick<number>(r, [[5, 56], [4, 30], [3, 9], [2, 3], [1, 2]]) : 0;
      const comments = COMMENTS[score] ?? [''];
      const comment = comments[Math.floor(r() * comments.length)]!;
      if (resolvedAt.getTime() > now.getTime() - day) continue;
      out.push({
        category: kind.category,
        description: `${who.building ?? ''}${kind.words[Math.floor(r() * kind.words.length)]}`,
        location: who.building ? { building: who.building, ...(who.unit ? { unit: who.unit } : {}) } : undefined,
        channel,
        reporter: channel === 'app' ? { residentId: who.id, name: who.name } : { name: who.name, ...(who.phone ? { phone: who.phone } : {}) },
        createdAt,
        signedAt,
        resolvedAt,
        handler: { id: handler.id, name: handler.name },
        note: '已处理完毕',
        ...(score ? { rating: { score, ...(comment ? { comment } : {}), at: new Date(resolvedAt.getTime() + (2 + r() * 20) * 3_600_000) } } : {}),
      });
    }
  }
  return out.filter((t) => !t.rating || t.rating.at.getTime() < now.getTime());
}

export async function seedTicketHistory(tickets: Pick<TicketService, 'importHistory'>, communityId: string, residents: ResidentDto[], staff: { grid: StaffDto[]; desk: StaffDto }, now = new Date()): Promise<number> {
  return (await tickets.importHistory(communityId, demoHistory(now, residents, staff))).length;
}
