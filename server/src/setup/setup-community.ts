// Puts a real community into service: the community record and its first admin, through the communities and staff services (their rules apply).
import type { StaffDto } from '@linli/contracts';
import type { CommunityService } from '../features/communities/community.service';
import type { StaffService } from '../features/staff/staff.service';

export interface CommunitySetup {
  communityId: string;
  communityName: string;
  /** Ticket numbers read `<prefix>-000123`. */
  ticketPrefix: string;
  buildings?: string[];
  admin: { username: string; password: string; name: string };
}

export interface SetupOutcome {
  communityCreated: boolean;
  /** created: a new account; exists: that admin already had an account here (its password is left alone). */
  admin: 'created' | 'exists';
  adminAccount: StaffDto;
}

/** The default ticket prefix: the initials of a hyphenated id (bei-men → BM), else its first two letters (beimen → BE). */
export function defaultTicketPrefix(communityId: string): string {
  const parts = communityId.split('-').filter(Boolean);
  const letters = parts.length > 1 ? parts.map((p) => p[0]).join('') : communityId.slice(0, 2);
  return letters.toUpperCase().slice(0, 6);
}

/**
 * Idempotent: the community is created once (an existing one keeps its settings), the admin once (an existing
 * admin of this community keeps its password; a username taken elsewhere is a CONFLICT from the staff service).
 * Never seeds demo data. The first admin chose their own password, so nothing forces a change at first login.
 */
export async function setupCommunity(services: { communities: Pick<CommunityService, 'ensure'>; staff: Pick<StaffService, 'accounts' | 'create'> }, input: CommunitySetup): Promise<SetupOutcome> {
  const { created } = await services.communities.ensure({
    _id: input.communityId,
    name: input.communityName,
    ticketPrefix: input.ticketPrefix,
    buildings: input.buildings ?? [],
  });
  const existing = (await services.staff.accounts(input.communityId)).find((s) => s.username === input.admin.username);
  if (existing) {
    if (!existing.roles.includes('admin')) throw new Error(`${input.admin.username} exists in ${input.communityId} but is not an admin; make it one in the panel`);
    return { communityCreated: created, admin: 'exists', adminAccount: existing };
  }
  const account = await services.staff.create(input.communityId, { ...input.admin, roles: ['admin'] }, { mustChangePassword: false });
  return { communityCreated: created, admin: 'created', adminAccount: account };
}
