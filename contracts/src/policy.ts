// Access policy as pure functions: the server enforces them, the panel and mini-program use them to show only what is allowed.
import type { Principal, StaffRole } from './auth';

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
export type ResidentPrincipal = Extract<Principal, { kind: 'resident' }>;
export type BotPrincipal = Extract<Principal, { kind: 'bot' }>;

/** What the policy needs to know of a staff member: a token's principal and a StaffDto both fit. */
export type StaffScope = { roles: readonly StaffRole[]; buildings: readonly string[] };

export function isStaff(p: Principal): p is StaffPrincipal {
  return p.kind === 'staff';
}

/** A street (街道) account: reads its street's KPIs and supervised tickets, nothing else (http/routes.ts enforces it). */
export function isStreetAccount(p: Principal): boolean {
  return p.kind === 'staff' && p.roles.includes('street');
}

export function hasRole(p: Principal, ...roles: StaffRole[]): boolean {
  return p.kind === 'staff' && (p.roles.includes('admin') || roles.some((r) => p.roles.includes(r)));
}

/** A grid worker (网格员) only covers their buildings; other staff roles cover the whole community. */
export function coversBuilding(p: StaffScope, building: string | undefined | null): boolean {
  if (p.roles.includes('admin') || p.roles.includes('staff')) return true;
  if (!building) return false;
  return p.buildings.includes(building);
}

/** The buildings a staff member's lists are limited to, or null for the whole community. */
export function buildingScope(p: StaffScope): string[] | null {
  if (p.roles.includes('admin') || p.roles.includes('staff')) return null;
  return [...p.buildings];
}
