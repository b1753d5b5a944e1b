// Logins (staff password, WeChat code, dev openid) that end in a signed token and a profile.
import type { Principal } from '@linli/contracts';
import type { TokenService } from '../../core/tokens';
import { AppError } from '../../core/errors';
import { residentDto, type ResidentDoc, type ResidentService } from '../residents/resident.service';
import { staffDto, type StaffService } from '../staff/staff.service';
import type { WechatClient } from './wechat.client';

export function residentPrincipal(r: ResidentDoc): Principal {
  return {
    kind: 'resident',
    id: String(r._id),
    communityId: r.communityId,
    openid: r.openid ?? '',
    name: r.name,
    householdId: r.householdId ? String(r.householdId) : undefined,
    building: r.building,
  };
}

/** Only sign-in may check a password or create an account for a new WeChat user, so these stay out of StaffApi and ResidentsApi. */
export interface AuthNeeds {
  staff: Pick<StaffService, 'authenticate' | 'get'>;
  residents: Pick<ResidentService, 'forLogin' | 'get'>;
}

export class AuthService {
  constructor(
    private readonly tokens: TokenService,
    private readonly staff: AuthNeeds['staff'],
    private readonly residents: AuthNeeds['residents'],
    private readonly wechat: WechatClient,
  ) {}

  async staffLogin(username: string, password: string) {
    const s = await this.staff.authenticate(username, password);
    if (!s) throw new AppError('UNAUTHORIZED', '用户名或密码错误');
    const user = staffDto(s);
    const token = this.tokens.sign({
      kind: 'staff',
      id: user.id,
      communityId: user.communityId,
      roles: user.roles,
      buildings: user.buildings,
      name: user.name,
    });
    return { token, user };
  }

  async residentLogin(communityId: string, openid: string, name?: string) {
    const r = await this.residents.forLogin(communityId, openid, name);
    return { token: this.tokens.sign(residentPrincipal(r)), resident: { ...residentDto(r), verified: r.verified } };
  }

  async wechatLogin(communityId: string, code: string) {
    const session = await this.wechat.code2Session(code);
    return this.residentLogin(communityId, session.openid);
  }

  async me(p: Principal) {
    if (p.kind === 'staff') return { kind: 'staff' as const, user: staffDto(await this.staff.get(p.communityId, p.id)) };
    if (p.kind === 'resident') {
      const r = await this.residents.get(p.communityId, p.id);
      return { kind: 'resident' as const, resident: { ...residentDto(r), verified: r.verified } };
    }
    return { kind: 'bot' as const, communityId: p.communityId, name: p.name };
  }
}
