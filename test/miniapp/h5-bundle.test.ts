// The H5 build's budget: all of its script and style ≤ 600 KiB gzip-compressed, and each shared library in one chunk only.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ensureH5Build, ROOT } from './browser';

const DIST = path.join(ROOT, 'client', 'miniapp', 'dist', 'h5');
const BUDGET_BYTES = 600 * 1024;

function assets(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return assets(p);
    return /\.(js|css)$/.test(e.name) ? [p] : [];
  });
}

beforeAll(() => ensureH5Build(), 600_000);

test('all H5 script and style together stay within 600 KiB compressed', () => {
  const files = assets(DIST);
  expect(files.length).toBeGreaterThan(3);
  const raw = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const gzip = files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
  console.log(`H5 build: ${files.length} files, ${(raw / 1024).toFixed(0)} KiB raw, ${(gzip / 1024).toFixed(0)} KiB gzip`);
  expect(gzip).toBeLessThanOrEqual(BUDGET_BYTES);
});

test('zod, the contracts and socket.io-client are each in exactly one chunk', () => {
  const js = assets(DIST).filter((f) => f.endsWith('.js'));
  // A string only that library's code contains, so it survives minification.
  const markers = {
    zod: 'Invalid discriminator value',
    contracts: '最多 9 个附件',
    'socket.io-client': 'io server disconnect',
  };
  for (const [lib, marker] of Object.entries(markers)) {
    const holders = js.filter((f) => fs.readFileSync(f, 'utf8').includes(marker)).map((f) => path.basename(f));
    expect({ lib, holders: holders.length }).toEqual({ lib, holders: 1 });
  }
});
