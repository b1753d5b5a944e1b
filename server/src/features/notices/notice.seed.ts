// Demo notices for 北门社区: the 60+ medical-insurance notice, a water cut for one building, and a pinned community-wide one.
import type { NoticeCreate } from '@linli/contracts';
import type { StaffPrincipal } from '@linli/contracts';
import type { StaffService } from '../staff/staff.service';
import type { NoticeService } from './notice.service';

const DAY = 24 * 3600_000;

export async function seedNotices(notices: NoticeService, staff: StaffService, communityId: string): Promise<void> {
  const admin = (await staff.list(communityId)).find((s) => s.username === 'admin');
  if (!admin) return;
  const p: StaffPrincipal = { kind: 'staff', id: admin.id, communityId, roles: admin.roles, buildings: admin.buildings, name: admin.name };
  const now = Date.now();
  const items: NoticeCreate[] = [
    {
      title: '60岁以上居民医保缴费及待遇认证提醒',
      category: '政策法规',
      body:
        '各位老年朋友：\n\n2027 年度**城乡居民医保**集中缴费已开始，请年满 60 周岁的居民在 **12 月 31 日前**完成缴费，并办理待遇资格认证。\n\n' +
        '- 可携带身份证、社保卡到社区服务大厅办理（工作日 8:30–17:30）\n- 行动不便的，可联系网格员上门协助\n\n咨询电话：0537-2345678',
      audience: { minAge: 60 },
      channels: ['feed', 'push'],
      pinned: false,
      expiresAt: new Date(now + 40 * DAY).toISOString(),
    },
    {
      title: '3号楼明日停水通知',
      category: '停水停电',
      body: '因供水管道维修，**3号楼**明天 9:00–15:00 停水，请提前储水。给您带来不便，敬请谅解。',
      audience: { buildings: ['3号楼'] },
      channels: ['feed', 'push'],
      expiresAt: new Date(now + 2 * DAY).toISOString(),
    },
    {
      title: '北门社区“邻里”服务平台上线啦',
      category: '通知',
      body: '报事报修、社区通知、24 小时留言板都可以在小程序里办理。不方便用手机的老人，可以在小区微信群里直接说，或者到服务大厅登记。',
      audience: { all: true },
      channels: ['feed', 'push'],
      pinned: true,
    },
  ];
  for (const n of items) await notices.create(p, n);
}
