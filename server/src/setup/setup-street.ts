// Puts a community under a street (街道) and makes the street's read-only account, for `npm run setup --street-id …` (never from the panel).
import type { StaffDto } from '@linli/contracts';
import type { Connection } from 'mongoose';
import type { CommunityService } from '../features/communities/community.service';
import type { StaffService } from '../features/staff/staff.service';
import { ensureStreet } from '../features/streets/street.service';

export interface StreetSetup {
  streetId: string;
  streetName: string;
  /** The community of this setup run: it joins the street, and is the account's home community when one is made. */
  communityId: string;
  account?: { username: string; password: string; name: string };
}

/**
 * Idempotent: the community joins the street once (other communities stay); the account is created once. An account
 * with that username that is not this street's is an error, never silently turned into a street account.
 */
export async function setupStreet(
  services: { conn: Connection; communities: Pick<CommunityService, 'get'>; staff: Pick<StaffService, 'accounts' | 'create'> },
  input: StreetSetup,
): Promise<{ communities: string[]; account: 'created' | 'exists' | 'none'; accountDto?: StaffDto }> {
  // The account is checked first, so a refused run changes nothing.
  const existing = input.account ? (await services.staff.accounts(input.communityId)).find((s) => s.username === input.account!.username) : undefined;
  if (existing && (!existing.roles.includes('street') || existing.streetId !== input.streetId))
    throw new Error(`${existing.username} exists in ${input.communityId} but is not the account of street ${input.streetId}`);
  const street = await ensureStreet(services.conn, services.communities, { id: input.streetId, name: input.streetName, communityIds: [input.communityId] });
  const communities = street.communities.map((c) => c.id);
  if (!input.account) return { communities, account: 'none' };
  if (existing) return { communities, account: 'exists', accountDto: existing };
  const accountDto = await services.staff.create(input.communityId, { ...input.account, roles: ['street'] }, { streetId: input.streetId, mustChangePassword: false });
  return { communities, account: 'created', accountDto };
}
