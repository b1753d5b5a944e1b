// Demo wish list from the source article: 28 residents' meetings produced 36 items / 100+ sub-items; here an open round
// of the remaining items, and the finished first round with items under way and a ledger link.
import { Types } from 'mongoose';
import type { WishItemInput, WishItemStatus } from '@linli/contracts';
import type { StaffService } from '../staff/staff.service';
import type { WishItemDoc } from './wishlist.model';
import type { WishlistService } from './wishlist.service';

const DAY = 86_400_000;

const OPEN_ITEMS: WishItemInput[] = [
  {
    title: '加装电梯',
    description: '多层住宅加装电梯，居民自筹“零头”，政府补助“大头”。',
    estimatedCost: 48_000_000,
    photos: [],
    subItems: [
      { title: '2号楼1单元加装电梯', estimatedCost: 24_000_000 },
      { title: '5号楼1单元加装电梯', estimatedCost: 24_000_000 },
    ],
  },
  {
    title: '室内供暖改造',
    description: '老旧暖气管网更换，热力入地管沟接入。',
    estimatedCost: 36_000_000,
    photos: [],
    subItems: [{ title: '热力管沟接入' }, { title: '楼内立管更换' }, { title: '入户阀门更换' }],
  },
  {
    title: '增设停车位与充电桩',
    description: '利用拆除棚屋后的空地规划停车位，增设电动自行车充电桩，解决楼道充电隐患。',
    estimatedCost: 3_200_000,
    photos: [],
    subItems: [{ title: '新增地面停车位 40 个' }, { title: '电动自行车充电棚 3 处', estimatedCost: 900_000 }],
  },
  {
    title: '健身广场与老年活动室',
    description: '为社区老年人提供活动场所，增设适老化健身器材。',
    estimatedCost: 1_800_000,
    photos: [],
    subItems: [{ title: '健身器材 12 件' }, { title: '活动室适老化改造' }],
  },
  {
    title: '楼道照明与单元门禁更新',
    description: '声控灯全部更换为 LED，单元门禁支持刷卡和人脸识别。',
    estimatedCost: 960_000,
    photos: [],
    subItems: [{ title: 'LED 声控灯' }, { title: '单元门禁' }],
  },
  {
    title: '小区道路硬化与无障碍坡道',
    estimatedCost: 2_600_000,
    photos: [],
    subItems: [{ title: '主干道沥青铺设' }, { title: '单元门口无障碍坡道 18 处' }],
  },
];

const FIRST_ROUND: Array<{ title: string; description: string; status: WishItemStatus; estimatedCost: number; rejectReason?: string; notes: string[]; linkLedger?: boolean }> = [
  {
    title: '雨污水管道改造',
    description: '新建雨污水管道，彻底解决雨天积水、污水返冒。',
    status: 'building',
    estimatedCost: 12_000_000,
    notes: ['已完成设计并立项，政府出“大头”', '3号楼北侧开始施工，施工期间请绕行'],
    linkLedger: true,
  },
  { title: '强弱电入地', description: '架空线缆入地，消除“蜘蛛网”。', status: 'done', estimatedCost: 8_000_000, notes: ['已立项', '专营单位进场施工', '全部完工并验收'] },
  { title: '小区外墙保温', description: '外墙加装保温层。', status: 'approved', estimatedCost: 15_000_000, notes: ['已立项，等待招标'] },
  {
    title: '拆除楼顶违建改建屋顶花园',
    description: '居民建议把楼顶空间改为屋顶花园。',
    status: 'rejected',
    estimatedCost: 2_000_000,
    rejectReason: '楼顶承重不足，经住建部门评估存在安全隐患，暂不采纳；改为在拆除棚屋后的空地建设口袋公园。',
    notes: [],
  },
];

export async function seedWishlist(wishlist: WishlistService, staff: StaffService, communityId: string, renovationEntryIds: string[]): Promise<void> {
  const admin = (await staff.list(communityId)).find((s) => s.username === 'admin');
  if (!admin) return;
  const p = { kind: 'staff' as const, id: admin.id, communityId, roles: admin.roles, buildings: [], name: admin.name };
  const by = { id: admin.id, name: admin.name };
  const now = Date.now();

  // The first round closed months ago; written directly because the API only opens rounds that end in the future.
  const firstId = new Types.ObjectId();
  const items: Array<Omit<WishItemDoc, 'createdAt' | 'updatedAt'>> = FIRST_ROUND.map((it, i) => {
    const path: WishItemStatus[] = it.status === 'rejected' ? ['rejected'] : (['approved', 'building', 'done'] as WishItemStatus[]).slice(0, ['approved', 'building', 'done'].indexOf(it.status) + 1);
    let from: WishItemStatus = 'pending';
    const progress = path.map((to, k) => {
      const e = { at: new Date(now - (60 - k * 15) * DAY), kind: 'status' as const, from, to, photos: [], by, ...(it.notes[k] || it.rejectReason ? { note: it.rejectReason ?? it.notes[k] } : {}) };
      from = to;
      return e;
    });
    return {
      _id: new Types.ObjectId(),
      communityId,
      roundId: firstId,
      no: i + 1,
      title: it.title,
      description: it.description,
      estimatedCost: it.estimatedCost,
      photos: [],
      subItems: [],
      status: it.status,
      ...(it.rejectReason ? { rejectReason: it.rejectReason } : {}),
      progress,
      ledgerEntryIds: it.linkLedger ? renovationEntryIds : [],
    };
  });
  await wishlist.importRound(
    {
      _id: firstId,
      communityId,
      title: '北门小区改造愿望清单（第一批）',
      description: '28 次居民代表大会梳理出的 36 个大项、100 余个小项中，第一批投票确定的改造项目。',
      maxChoices: 3,
      opensAt: new Date(now - 120 * DAY),
      closesAt: new Date(now - 90 * DAY),
      createdBy: by,
    },
    items,
  );

  await wishlist.createRound(p, {
    title: '北门小区改造愿望清单（第二批）',
    description: '把居民的“愿望清单”变成“幸福清单”：每户最多选 3 项，投票结果实时公开，居民代表大会的纸质选票由社区录入。',
    maxChoices: 3,
    opensAt: new Date(now - 3 * DAY).toISOString(),
    closesAt: new Date(now + 25 * DAY).toISOString(),
    items: OPEN_ITEMS,
  });
}
