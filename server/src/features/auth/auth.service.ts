// Logins (staff password, WeChat code, dev openid) that end in a signed token and a profile.
import type { Principal, StaffSessionDto } from '@linli/contracts';
import type { TokenService } from '../../core/tokens';
import { AppError } from '../../core/errors';
import type { CommunitiesApi } from '../communities/community.service';
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
  staff: Pick<StaffService, 'authenticate' | 'get' | 'startSession' | 'refresh' | 'logout' | 'logoutEverywhere' | 'changePassword'>;
  residents: Pick<ResidentService, 'forLogin' | 'get'>;
  /** A resident signs in only to a community that exists (the header names it). */
  communities: Pick<CommunitiesApi, 'get'>;
}

export class AuthService {
  constructor(
    private readonly tokens: TokenService,
    private readonly staff: AuthNeeds['staff'],
    private readonly residents: AuthNeeds['residents'],
    private readonly wechat: WechatClient,
    private readonly communities: AuthNeeds['communities'],
  ) {}

  /** A short access token, a refresh token and the account (see StaffService.startSession). */
  async staffLogin(username: string, password: string): Promise<StaffSessionDto> {
    const s = await this.staff.authenticate(username, password);
    if (!s) throw new AppError('UNAUTHORIZED', '用户名或密码错误');
    return this.staff.startSession(s);
  }

  async residentLogin(communityId: string, openid: string, name?: string) {
    // Before anything is created: an unknown community id would otherwise get residents of its own.
    try {
      await this.communities.get(communityId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', '社区不存在，请检查小程序配置');
      throw err;
    }
    const r = await this.residents.forLogin(communityId, openid, name);
    return { token: this.tokens.sign(residentPrincipal(r)), resident: { ...residentDto(r), verified: r.verified } };
  }

  async wechatLogin(communityId: string, code: string) {
    const session = await this.wechat.code2Session(code);
    return this.residentLogin(communityId, session.openid);
  }

  async me(p: Principal) {
    if (p.kind === 'staff') {
      const s = await this.staff.get(p.communityId, p.id);
      return { kind: 'staff' as const, user: staffDto(s), mustChangePassword: !!s.mustChangePassword };
    }
    if (p.kind === 'resident') {
      const r = await this.residents.get(p.communityId, p.id);
      return { kind: 'resident' as const, resident: { ...residentDto(r), verified: r.verified } };
    }
    return { kind: 'bot' as const, communityId: p.communityId, name: p.name };
  }
}
