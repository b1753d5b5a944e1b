// The health-info label follows the server's rule: care/admin see it, the responsible grid worker sees it, others do not.
import { mayOpenHealth } from '../health-access';

const care = { id: 's1', roles: ['staff', 'care'] as const, buildings: [] };
const grid = { id: 'g1', roles: ['grid'] as const, buildings: ['3号楼'] };
const staff = { id: 's2', roles: ['staff'] as const, buildings: [] };

it('care workers and admins may open every profile', () => {
  expect(mayOpenHealth({ ...care, roles: [...care.roles] }, { building: '1号楼' })).toBe(true);
  expect(mayOpenHealth({ id: 'a', roles: ['admin'], buildings: [] }, { building: '1号楼' })).toBe(true);
});

it('a grid worker only for residents they are responsible for (named, or by building)', () => {
  const g = { ...grid, roles: [...grid.roles] };
  expect(mayOpenHealth(g, { gridWorkerId: 'g1', building: '5号楼' })).toBe(true);
  expect(mayOpenHealth(g, { gridWorkerId: 'g2', building: '3号楼' })).toBe(false);
  expect(mayOpenHealth(g, { building: '3号楼' })).toBe(true);
  expect(mayOpenHealth(g, { building: '4号楼' })).toBe(false);
});

it('other staff and nobody signed in may not', () => {
  expect(mayOpenHealth({ ...staff, roles: [...staff.roles] }, { building: '3号楼' })).toBe(false);
  expect(mayOpenHealth(null, { building: '3号楼' })).toBe(false);
});
