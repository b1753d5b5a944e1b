// Staff accounts: creation by admins, password login, lookups for assignment.
import type { Connection } from 'mongoose';
import type { StaffCreate, StaffDto } from '@linli/contracts';
import { isDuplicateKey } from '../../db/connection';
import { AppError, notFound } from '../../core/errors';
import { hashPassword, verifyPassword } from './password';
import { StaffRepository } from './staff.repository';
import type { StaffDoc } from './staff.model';

// Other features name staff accounts by this type, imported from here: the model file stays private to this feature.
export type { StaffDoc } from './staff.model';

export function staffDto(s: StaffDoc): StaffDto {
  return {
    id: String(s._id),
    communityId: s.communityId,
    username: s.username,
    name: s.name,
    roles: s.roles,
    buildings: s.buildings ?? [],
  };
}

// A fixed hash to compare against when the username is unknown, so both paths cost the same.
const DUMMY_HASH = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** What other features may ask about staff accounts (never the repository). */
export type StaffApi = Pick<StaffService, 'get' | 'byId' | 'list' | 'active'>;

export class StaffService {
  private readonly repo: StaffRepository;
  constructor(conn: Connection) {
    this.repo = new StaffRepository(conn);
  }

  async create(communityId: string, input: StaffCreate): Promise<StaffDto> {
    try {
      const doc = await this.repo.create({
        communityId,
        username: input.username,
        passwordHash: await hashPassword(input.password),
        name: input.name,
        roles: input.roles,
        buildings: input.buildings ?? [],
        phone: input.phone,
      });
      return staffDto(doc);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '用户名已存在');
      throw err;
    }
  }

  async authenticate(username: string, password: string): Promise<StaffDoc | null> {
    const s = await this.repo.byUsername(username);
    const ok = await verifyPassword(password, s?.passwordHash ?? DUMMY_HASH);
    return s && ok ? s : null;
  }

  async list(communityId: string): Promise<StaffDto[]> {
    return (await this.repo.list(communityId)).map(staffDto);
  }

  async get(communityId: string, id: string): Promise<StaffDoc> {
    const s = await this.repo.byId(communityId, id);
    if (!s || !s.active) throw notFound('工作人员');
    return s;
  }

  /** One account (active or not), or null: for showing a name that may belong to someone who has left. */
  byId(communityId: string, id: string): Promise<StaffDoc | null> {
    return this.repo.byId(communityId, id);
  }

  /** Active accounts with their contact fields, for choosing whom to tell. */
  active(communityId: string): Promise<StaffDoc[]> {
    return this.repo.list(communityId);
  }
}
