// Slow password hashing with Node's built-in scrypt (no native add-on to build): cost, rehash check, and the password policy.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../core/errors';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

/** log2 of scrypt's N in production: 2^17 with r = 8 needs 128 MiB per hash (OWASP's scrypt minimum). */
export const PRODUCTION_LOG_N = 17;
const R = 8;
const P = 1;
// Node refuses anything above 32 MiB by default; allow the cost plus headroom, and at most two hashes at once so
// a burst of logins cannot take the process's memory (2 × 128 MiB).
const maxmem = (n: number) => 128 * R * n + 32 * 1024 * 1024;
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export class PasswordHasher {
  readonly n: number;
  private dummy: Promise<string> | null = null;
  constructor(logN = PRODUCTION_LOG_N) {
    this.n = 2 ** logN;
  }

  async hash(password: string): Promise<string> {
    const salt = crypto.randomBytes(16);
    const hash = await limited(() => scrypt(password, salt, 32, { N: this.n, r: R, p: P, maxmem: maxmem(this.n) }));
    return `scrypt$${this.n}$${salt.toString('base64')}$${hash.toString('base64')}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [alg, n, saltB64, hashB64] = stored.split('$');
    const N = Number(n);
    if (alg !== 'scrypt' || !saltB64 || !hashB64 || !Number.isInteger(N) || N < 2 || N > 2 ** 20) return false;
    const expected = Buffer.from(hashB64, 'base64');
    const actual = await limited(() => scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, { N, r: R, p: P, maxmem: maxmem(N) }));
    return crypto.timingSafeEqual(actual, expected);
  }

  /** A hash made at a lower cost than today's is replaced at the next successful login. */
  needsRehash(stored: string): boolean {
    return Number(stored.split('$')[1]) < this.n;
  }

  /** For unknown usernames: a real hash at today's cost, so both paths take the same time. */
  dummyHash(): Promise<string> {
    return (this.dummy ??= this.hash(crypto.randomBytes(16).toString('hex')));
  }
}

const COMMON = new Set(dictionary.passwords.map((p) => p.toLowerCase()));
export const MIN_PASSWORD_LENGTH = 10;

/** The password policy (server side, where the common-password list lives): at least 10 characters, not a well-known password. */
export function checkPasswordPolicy(password: string, username?: string): void {
  const problem =
    [...password].length < MIN_PASSWORD_LENGTH
      ? `密码至少 ${MIN_PASSWORD_LENGTH} 位`
      : COMMON.has(password.toLowerCase())
        ? '密码太常见，容易被猜中，请换一个'
        : username && password.toLowerCase().includes(username.toLowerCase())
          ? '密码不能包含用户名'
          : /^(.)\1*$/u.test(password)
            ? '密码不能是同一个字符的重复'
            : null;
  if (problem) throw new AppError('VALIDATION', problem, [{ path: 'password', message: problem }]);
}
