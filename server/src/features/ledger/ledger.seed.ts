// Demo ledger for 北门社区: two closed months with statements and the current month so far, drafted by 财务 and approved by the admin.
import { addMonths, shanghaiDay, shanghaiMonth, type LedgerCategory, type LedgerKind, type StaffDto } from '@linli/contracts';
import type { StaffService } from '../staff/staff.service';
import type { LedgerService } from './ledger.service';

type Line = [LedgerKind, LedgerCategory, number, number, string, string?];

/** [kind, category, amount in fen, day of month, description, counterparty]; varied a little per month. */
const MONTH_LINES = (k: number): Line[] => [
  ['income', '物业费', 6_850_000 + k * 23_400, 5, '本月物业服务费收缴（1-6号楼）'],
  ['income', '停车费', 1_236_000 - k * 12_000, 6, '地面停车位月租'],
  ['income', '公共收益', 380_000, 10, '快递柜、广告位场地租金', '丰巢科技'],
  ['expense', '保洁', 2_400_000, 12, '保洁服务外包费', '任城区洁美保洁服务有限公司'],
  ['expense', '安保', 2_800_000, 12, '门岗及夜间巡逻', '济宁安泰保安服务有限公司'],
  ['expense', '绿化', 650_000 + k * 5_000, 15, '绿化养护、补植'],
  ['expense', '设施维修', 915_000, 18, '电梯年度维保（分摊）', '济宁通力电梯工程有限公司'],
  ['expense', '水电公摊', 420_000 + k * 3_100, 20, '楼道照明、水泵公共用电'],
];

function staffPrincipal(communityId: string, s: StaffDto) {
  return { kind: 'staff' as const, id: s.id, communityId, roles: s.roles, buildings: [], name: s.name };
}

/** Returns the published entry ids of the 改造工程 expenses, for the wish-list seed to link. */
export async function seedLedger(ledger: LedgerService, staff: StaffService, communityId: string): Promise<{ renovationEntryIds: string[] }> {
  const all = await staff.list(communityId);
  const caiwu = all.find((s) => s.username === 'caiwu');
  const admin = all.find((s) => s.username === 'admin');
  if (!caiwu || !admin) return { renovationEntryIds: [] };
  const drafter = staffPrincipal(communityId, caiwu);
  const approver = staffPrincipal(communityId, admin);
  const today = shanghaiDay();
  const current = shanghaiMonth();
  const renovationEntryIds: string[] = [];

  const post = async (month: string, [kind, category, amount, day, description, counterparty]: Line) => {
    const date = `${month}-${String(day).padStart(2, '0')}`;
    if (date > today) return null;
    const e = await ledger.create(drafter, { kind, category, amount, date, description, ...(counterparty ? { counterparty } : {}), vouchers: [] });
    return ledger.approve(approver, String(e._id), '已核对凭证');
  };

  for (const [k, month] of [addMonths(current, -2), addMonths(current, -1), current].entries()) {
    for (const line of MONTH_LINES(k)) await post(month, line);
    if (k === 1) {
      // A mistyped repair bill, reversed and re-entered: what a correction looks like to residents.
      const wrong = await post(month, ['expense', '设施维修', 186_000, 22, '3号楼单元门禁维修', '任城区安居物业维修部']);
      if (wrong) {
        const rev = await ledger.reverse(drafter, String(wrong._id), { reason: '金额录入错误（应为 1,680.00 元）', date: `${month}-23` });
        await ledger.approve(approver, String(rev._id));
        await post(month, ['expense', '设施维修', 168_000, 23, '3号楼单元门禁维修（更正）', '任城区安居物业维修部']);
      }
      const reno = await post(month, ['expense', '改造工程', 2_350_000, 25, '北门小区3号楼北侧雨污分流管道改造（首期款）', '济宁市政工程有限公司']);
      if (reno) renovationEntryIds.push(String(reno._id));
    }
    if (month < current) await ledger.generateStatement(communityId, month);
  }
  await ledger.ensureStatementTimer(communityId);
  return { renovationEntryIds };
}
