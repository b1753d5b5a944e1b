// completeEnvFile: fills what is missing or empty, keeps every existing value and comment, and never regenerates a secret.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { completeEnvFile, randomSecret, readEnvFile } from './env-file';
import { estimateSecretBits, MIN_SECRET_BITS } from '../secret-strength';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-envfile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('adds missing and empty keys, keeps set ones, leaves placeholders and merges list keys', () => {
  const file = path.join(dir, '.env');
  fs.writeFileSync(file, '# mine\nPORT=4000   # my port\nJWT_SECRET=\nWECHAT_APPID=\nBOT_TOKENS=a1:0123456789abcdef01\n', { mode: 0o644 });
  let generated = 0;
  const secret = () => `s${++generated}`;
  const entries = [
    { key: 'PORT', value: () => '3000' },
    { key: 'JWT_SECRET', value: secret },
    { key: 'BOT_TOKEN', value: secret, comment: 'the bot' },
    { key: 'WECHAT_APPID', value: () => '', placeholder: true },
    { key: 'BOT_TOKENS', value: () => 'b2:x', merge: (cur: string) => (cur.includes('b2:') ? null : `${cur},b2:x`) },
  ];
  expect(completeEnvFile(file, entries).added).toEqual(['JWT_SECRET', 'BOT_TOKEN', 'BOT_TOKENS']);
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain('# mine\nPORT=4000   # my port\nJWT_SECRET=s1\nWECHAT_APPID=\n');
  expect(text).toContain('\n# the bot\nBOT_TOKEN=s2\n');
  expect(readEnvFile(file)).toMatchObject({ PORT: '4000', JWT_SECRET: 's1', BOT_TOKEN: 's2', BOT_TOKENS: 'a1:0123456789abcdef01,b2:x', WECHAT_APPID: '' });
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  // A second run changes nothing: secrets are generated once.
  expect(completeEnvFile(file, entries).added).toEqual([]);
  expect(fs.readFileSync(file, 'utf8')).toBe(text);
  expect(generated).toBe(2);
});

it('generates secrets production accepts', () => {
  expect(estimateSecretBits(randomSecret())).toBeGreaterThanOrEqual(MIN_SECRET_BITS.JWT_SECRET);
});
