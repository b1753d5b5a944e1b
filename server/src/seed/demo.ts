// Demo community for `npm start`: 北门社区 with buildings, residents of all ages, staff accounts and a few tickets.
import { DEMO_CONTACT_IDS, type ResidentCreate } from '@linli/contracts';
import type { Services } from '../features';
import type { Logger } from '../logger';
import { seedAlertsDemo } from '../features/alerts/alert.seed';
import { seedBroadcastDemo } from '../features/broadcast/broadcast.seed';
import { seedBoard } from '../features/board/board.seed';
import { seedFaq } from '../features/faq/faq.seed';
import { seedNotices } from '../features/notices/notice.seed';
import { seedLedger } from '../features/ledger/ledger.seed';
import { seedWishlist } from '../features/wishlist/wishlist.seed';
import { seedTicketHistory } from '../features/tickets/ticket.seed-history';

export const DEMO_ADMIN = { username: 'admin', password: 'linli-demo' };
export const DEMO_STREET_ID = 'beimen-jiedao';

const RESIDENTS: ResidentCreate[] = [
  { name: '王秀兰', birthYear: 1941, building: '1号楼', unit: '1单元', room: '101', tags: ['独居', '高龄'], phone: '13805370001', openid: 'demo-wangxiulan', wechatName: '王奶奶', wechatId: DEMO_CONTACT_IDS['王奶奶'] },
  { name: '李建国', birthYear: 1950, building: '1号楼', unit: '2单元', room: '302', tags: ['空巢'], phone: '13805370002', wechatName: '老李' },
  { name: '张桂芳', birthYear: 1948, building: '2号楼', unit: '1单元', room: '201', tags: ['空巢', '高龄'], phone: '13805370003' },
  { name: '赵志强', birthYear: 1982, building: '2号楼', unit: '2单元', room: '502', tags: ['党员'], phone: '13805370004', openid: 'demo-zhaozhiqiang', wechatName: '强子' },
  { name: '刘芳', birthYear: 1990, building: '3号楼', unit: '1单元', room: '402', tags: [], phone: '13805370005', openid: 'demo-resident', wechatName: '芳芳' },
  { name: '陈德明', birthYear: 1945, building: '3号楼', unit: '2单元', room: '101', tags: ['独居', '高龄', '退役军人'], phone: '13805370006' },
  { name: '孙丽', birthYear: 1976, building: '4号楼', unit: '1单元', room: '601', tags: ['租户'], phone: '13805370007' },
  { name: '周国华', birthYear: 1958, building: '4号楼', unit: '2单元', room: '202', tags: ['残疾'], phone: '13805370008' },
  { name: '吴小燕', birthYear: 2001, building: '5号楼', unit: '1单元', room: '303', tags: [], phone: '13805370009' },
  { name: '郑玉珍', birthYear: 1939, building: '5号楼', unit: '1单元', room: '102', tags: ['独居', '高龄', '低保'], phone: '13805370010' },
  { name: '马永刚', birthYear: 1968, building: '6号楼', unit: '1单元', room: '501', tags: [], phone: '13805370011' },
  { name: '何淑英', birthYear: 1952, building: '6号楼', unit: '2单元', room: '401', tags: ['空巢'], phone: '13805370012' },
];

/**
 * Idempotent: creates the demo community once; later starts leave existing data alone. `history` adds six months of
 * finished reports (npm start; tests leave it out — it is a few hundred writes).
 */
export async function seedDemo(services: Services, communityId: string, log: Logger, o: { history?: boolean } = {}): Promise<boolean> {
  const { created } = await services.communities.ensure({
    _id: communityId,
    name: '北门社区',
    ticketPrefix: 'BM',
    buildings: ['1号楼', '2号楼', '3号楼', '4号楼', '5号楼', '6号楼'],
  });
  if (!created) return false;
  await services.staff.create(communityId, { ...DEMO_ADMIN, name: '社区管理员', roles: ['admin'] });
  const desk = await services.staff.create(communityId, { username: 'zhangli', password: 'linli-demo', name: '张丽（社区工作者）', roles: ['staff', 'care'] });
  const wang = await services.staff.create(communityId, { username: 'wanggang', password: 'linli-demo', name: '王刚（网格员）', roles: ['grid'], buildings: ['1号楼', '2号楼', '3号楼'] });
  const liu = await services.staff.create(communityId, { username: 'liumin', password: 'linli-demo', name: '刘敏（网格员）', roles: ['grid'], buildings: ['4号楼', '5号楼', '6号楼'] });
  await services.staff.create(communityId, { username: 'caiwu', password: 'linli-demo', name: '财务（物业公司）', roles: ['finance'] });
  // 北门街道 oversees the demo community; its account reads the street's KPIs and supervised tickets, nothing else (issue 17).
  await services.streets.ensure({ id: DEMO_STREET_ID, name: '北门街道', communityIds: [communityId] });
  await services.staff.create(communityId, { username: 'jiedao', password: 'linli-demo', name: '北门街道（督办）', roles: ['street'] }, { streetId: DEMO_STREET_ID });
  const residents = [];
  for (const r of RESIDENTS) residents.push(await services.residents.create(communityId, r));
  // Before any other ticket: the history takes the first numbers, in the order it happened.
  if (o.history) log.info({ tickets: await seedTicketHistory(services.tickets, communityId, residents, { grid: [wang, liu], desk }) }, 'demo history seeded');
  await seedAlertsDemo(services, communityId); // devices, care profiles, one open alert (issue 4)
  await seedBroadcastDemo(services, communityId); // speakers in three zones, simulated in demo mode (issue 19)
  await seedFaq(services.faq, communityId);
  await seedBoard(services.board, services.residents, communityId);
  await seedNotices(services.notices, services.staff, communityId); // targeted notices (issue 3)
  await seedWishlist(services.wishlist, services.staff, communityId, (await seedLedger(services.ledger, services.staff, communityId)).renovationEntryIds); // ledger months + wish-list rounds (issue 8)
  log.info({ communityId }, 'demo community seeded');
  return true;
}
