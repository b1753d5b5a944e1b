// Demo speakers: one per zone shape (a building, two buildings, the main gate for estate-wide announcements); in demo mode they are simulated, so the panel shows a broadcast end to end.
import type { Principal } from '@linli/contracts';
import type { Services } from '..';

export async function seedBroadcastDemo(services: Services, communityId: string): Promise<void> {
  const admin = (await services.staff.list(communityId)).find((s) => s.username === 'admin')!;
  const p: Principal = { kind: 'staff', id: admin.id, communityId, roles: admin.roles, buildings: admin.buildings, name: admin.name };
  await services.devices.create(p, { kind: 'speaker', name: '3号楼楼前广播音柱', zones: ['3号楼'], location: { building: '3号楼', text: '3号楼楼前' } });
  await services.devices.create(p, { kind: 'speaker', name: '1-2号楼中庭广播音柱', zones: ['1号楼', '2号楼'], location: { text: '1号楼与2号楼之间' } });
  await services.devices.create(p, { kind: 'speaker', name: '北门广播音柱', zones: [], location: { text: '北门' } });
}
