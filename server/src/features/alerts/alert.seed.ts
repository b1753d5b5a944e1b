// Demo data for the alert board and the care programme: a few devices, care profiles for elderly residents, one open alert.
import type { Principal } from '@linli/contracts';
import type { Services } from '..';

export async function seedAlertsDemo(services: Services, communityId: string): Promise<void> {
  const staff = await services.staff.list(communityId);
  const admin = staff.find((s) => s.username === 'admin')!;
  const grid = (u: string) => staff.find((s) => s.username === u)?.id;
  const p: Principal = { kind: 'staff', id: admin.id, communityId, roles: admin.roles, buildings: admin.buildings, name: admin.name };
  const { items: residents } = await services.residents.list(communityId, { limit: 100 });
  const byName = (n: string) => residents.find((r) => r.name === n)!;

  const bin = await services.devices.create(p, { kind: 'trash_bin', name: '3号楼东侧垃圾站', location: { building: '3号楼', text: '3号楼东侧垃圾站' } });
  await services.devices.create(p, { kind: 'camera', name: '北门消防通道摄像头', location: { text: '北门消防通道' } });
  await services.devices.create(p, { kind: 'smoke', name: '2号楼地下室烟感', location: { building: '2号楼', text: '2号楼地下室' } });
  await services.devices.create(p, { kind: 'water_leak', name: '5号楼水泵房水浸', location: { building: '5号楼', text: '5号楼水泵房' } });
  await services.devices.create(p, { kind: 'wristband', name: '王秀兰的手环', location: {}, wearerResidentId: byName('王秀兰').id });
  await services.devices.create(p, { kind: 'wristband', name: '陈德明的手环', location: {}, wearerResidentId: byName('陈德明').id });

  const profiles = [
    { name: '王秀兰', livingSituation: '独居' as const, gridWorkerId: grid('wanggang'), contacts: [{ name: '王强', relation: '儿子', phone: '13905370101' }], notes: '高血压，需按时服药', hr: { min: 50, max: 120 } },
    { name: '陈德明', livingSituation: '独居' as const, gridWorkerId: grid('wanggang'), contacts: [{ name: '陈丽', relation: '女儿', phone: '13905370106' }], notes: '心脏支架术后', hr: { min: 50, max: 110 } },
    { name: '张桂芳', livingSituation: '空巢' as const, gridWorkerId: grid('wanggang'), contacts: [{ name: '刘伟', relation: '儿子', phone: '13905370103' }], notes: '糖尿病' },
    { name: '郑玉珍', livingSituation: '独居' as const, gridWorkerId: grid('liumin'), contacts: [{ name: '郑海', relation: '侄子', phone: '13905370110' }], notes: '行动不便，低保户' },
  ];
  for (const x of profiles) {
    await services.care.create(p, {
      residentId: byName(x.name).id,
      livingSituation: x.livingSituation,
      emergencyContacts: x.contacts,
      gridWorkerId: x.gridWorkerId,
      health: { notes: x.notes, conditions: [], medications: [], ...(x.hr ? { heartRate: x.hr } : {}) },
      checkinDeadline: '10:00',
      checkinEnabled: true,
    });
  }

  // One open alert on the board, as if the bin's sensor had just reported.
  await services.alerts.raise({
    communityId,
    type: 'trash_overflow',
    source: 'http',
    dedupeKey: `${bin.id}:trash_overflow`,
    windowMs: 10 * 60_000,
    at: new Date(),
    data: { fill: 96 },
    sourceEventId: 'demo-1',
    describe: async () => ({ title: '3号楼东侧垃圾站 垃圾桶满溢', location: { building: '3号楼', text: '3号楼东侧垃圾站' }, deviceId: bin.id, deviceName: bin.device.name }),
  });
}
