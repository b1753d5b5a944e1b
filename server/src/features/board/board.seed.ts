// Demo board for 北门社区: a starter sensitive-word list and a few posts like the ones on the real 24小时留言板.
import type { Principal } from '@linli/contracts';
import type { StaffPrincipal } from '@linli/contracts';
import type { ResidentsApi } from '../residents/resident.service';
import type { BoardService } from './board.service';

const WORDS = ['赌博', '博彩', '代开发票', '办证', '贷款广告', '色情', '传销'];

/** Creates the demo sensitive words and posts (called once, when the demo community is first created). */
export async function seedBoard(board: BoardService, residents: Pick<ResidentsApi, 'byOpenid'>, communityId: string): Promise<void> {
  const staff: StaffPrincipal = { kind: 'staff', id: 'seed', communityId, roles: ['admin'], buildings: [], name: '社区工作人员' };
  await board.setSensitiveWords(staff, WORDS);
  const byOpenid = async (openid: string) => residents.byOpenid(communityId, openid);
  const liufang = await byOpenid('demo-resident');
  const wang = await byOpenid('demo-wangxiulan');
  const asResident = (r: NonNullable<Awaited<ReturnType<typeof byOpenid>>>): Principal => ({
    kind: 'resident',
    id: String(r._id),
    communityId,
    openid: r.openid ?? '',
    name: r.name,
  });
  if (liufang) {
    const p = await board.create(asResident(liufang), { category: '建议', text: '大风过后3号楼前散落了很多树叶，请及时清理。', photos: [] });
    await board.reply(staff, String(p._id), { text: '收到，已安排保洁今天下午清扫，谢谢提醒！' });
    await board.create(asResident(liufang), { category: '闲置', text: '九成新儿童自行车一辆，孩子长大骑不了了，免费送给邻居，3号楼自取。', photos: [] });
  }
  await board.create(staff, { category: '失物招领', text: '服务大厅捡到一串钥匙（带红色挂绳），请失主到社区服务大厅认领。', photos: [] });
  if (wang) {
    // 王奶奶不用智能手机，在社区会客厅登记的留言。
    await board.create(staff, { category: '建议', text: '人力三轮车别占用充电车棚，请大家有序充电。', photos: [], residentId: String(wang._id) });
  }
}
