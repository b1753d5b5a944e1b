// Token issuing and checking for HTTP and Socket.io: staff and resident JWTs, and the bot's service token.
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Principal } from '@linli/contracts';
import type { Config } from '../config';

type Claims = Principal & { iat?: number; exp?: number };

export class TokenService {
  constructor(private readonly config: Config) {}

  sign(p: Principal): string {
    return jwt.sign(p, this.config.JWT_SECRET, { algorithm: 'HS256', expiresIn: this.config.JWT_TTL_SECONDS });
  }

  /** Resolves a bearer token to a principal, or null when it is missing, expired or forged. */
  verify(token: string | undefined | null, communityHint?: string): Principal | null {
    if (!token) return null;
    if (safeEqual(token, this.config.BOT_TOKEN)) {
      const communityId = communityHint && /^[a-z0-9-]{2,32}$/.test(communityHint) ? communityHint : this.config.COMMUNITY_ID;
      return { kind: 'bot', id: 'bot', communityId, name: '社区机器人' };
    }
    try {
      const c = jwt.verify(token, this.config.JWT_SECRET, { algorithms: ['HS256'] }) as Claims;
      delete c.iat;
      delete c.exp;
      return c;
    } catch {
      return null;
    }
  }
}

function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

