// Demo FAQ rules for 北门社区: the questions residents and the group bot ask most.
import type { FaqRuleCreate, Principal } from '@linli/contracts';
import type { FaqService } from './faq.service';

const RULES: Array<Omit<FaqRuleCreate, 'priority' | 'enabled'> & { priority?: number }> = [
  {
    title: '办事时间',
    keywords: ['办事时间', '上班时间', '几点上班', '几点下班', '开门时间'],
    pattern: '(社区|服务大厅|居委会) (几点|时间|上班|开门)',
    answer: '北门社区为民服务大厅办公时间：周一至周五 8:30-12:00、14:00-17:30；周六上午 9:00-12:00 值班。急事可拨打社区值班电话，或在「邻里」小程序报事。',
    priority: 10,
  },
  {
    title: '60 岁以上老人医保',
    pattern: '(医保|医疗保险|居民医保) (老人|老年|60|六十|岁|缴费|交费|交钱|办理)',
    answer: '本社区 60 岁以上老人的居民医保无需自己缴费，但需要由社区统一办理后才能享受。请本人或家属携带身份证、户口本到社区服务大厅医保窗口登记；行动不便的老人可联系网格员上门办理。',
    priority: 20,
  },
  {
    title: '物业费',
    keywords: ['物业费', '物业管理费', '交物业', '缴物业'],
    answer: '物业费标准为每月每平方米 0.5 元，可在物业办公室或「邻里」小程序缴纳。每一笔物业费的收支都在小程序「物业账本」里公开，欢迎查看和监督。',
    priority: 10,
  },
  {
    title: '停车',
    keywords: ['停车位', '车位', '停车证'],
    pattern: '停车 -(罚款|贴条)',
    answer: '改造后小区新增了 100 多个停车位，业主凭行驶证、房产证或租房合同到物业办理停车登记。请勿占用消防通道，占道车辆会被平台自动提醒。',
    priority: 5,
  },
  {
    title: '电动车充电',
    keywords: ['充电桩', '充电车棚', '电动车充电'],
    answer: '小区在 2 号楼和 5 号楼旁设有电动车充电车棚，扫码充电。请勿把电瓶带回家充电，也不要让三轮车占用充电车位。',
    priority: 5,
  },
  {
    title: '报事报修',
    pattern: '(坏了|漏水|不亮|堵了|报修|维修)',
    answer: '报事报修可以在「邻里」小程序点「我要报事」，也可以在社区微信群里直接说（如「3号楼电梯坏了」），机器人会给您一个工单号，处理进度会通知您。',
    priority: 1,
  },
];

/** Creates the demo rules (called once, when the demo community is first created). */
export async function seedFaq(faq: FaqService, communityId: string): Promise<void> {
  const seeder: Principal = { kind: 'staff', id: 'seed', communityId, roles: ['admin'], buildings: [], name: '演示数据' };
  for (const r of RULES) await faq.create(seeder, { ...r, priority: r.priority ?? 0, enabled: true });
}
