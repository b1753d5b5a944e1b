// Front ends from the app itself: precompressed brotli/gzip siblings when accepted (never a stale one), a year of cache for hashed files, no-cache for HTML.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Koa from 'koa';
import { errorMiddleware } from './errors';
import { spa } from './static';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-static-'));
const js = Buffer.from(`console.log(${JSON.stringify('邻里'.repeat(2000))});\n`);
const html = Buffer.from(`<!doctype html><title>邻里</title>${'<p>x</p>'.repeat(500)}`);
let server: http.Server;
let port: number;

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'js'));
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  fs.writeFileSync(path.join(dir, 'index.html.br'), zlib.brotliCompressSync(html));
  fs.writeFileSync(path.join(dir, 'js', 'app.3f9a1c2b.js'), js);
  fs.writeFileSync(path.join(dir, 'js', 'app.3f9a1c2b.js.br'), zlib.brotliCompressSync(js));
  fs.writeFileSync(path.join(dir, 'js', 'app.3f9a1c2b.js.gz'), zlib.gzipSync(js));
  // A file rebuilt after its siblings were made: they describe the old build and must not be served.
  fs.writeFileSync(path.join(dir, 'js', 'stale.js'), js);
  fs.writeFileSync(path.join(dir, 'js', 'stale.js.br'), zlib.brotliCompressSync(Buffer.from('old build')));
  const old = new Date(Date.now() - 3600_000);
  fs.utimesSync(path.join(dir, 'js', 'stale.js.br'), old, old);
  const app = new Koa();
  app.use(errorMiddleware());
  app.use(spa('/panel', dir));
  server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A GET with the raw bytes as sent (fetch would decompress). */
function get(p: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('serves the brotli sibling of a hashed asset to a client that accepts it, cached for a year', async () => {
  const r = await get('/panel/js/app.3f9a1c2b.js', 'gzip, deflate, br');
  expect(r.status).toBe(200);
  expect(r.headers['content-encoding']).toBe('br');
  expect(r.headers['content-type']).toMatch(/javascript/);
  expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(r.headers.vary).toMatch(/Accept-Encoding/i);
  expect(r.body.length).toBeLessThan(js.length / 4);
  expect(zlib.brotliDecompressSync(r.body).equals(js)).toBe(true);
});

it('serves gzip to a client without brotli and the plain file to one accepting neither', async () => {
  const gz = await get('/panel/js/app.3f9a1c2b.js', 'gzip');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gz.body).equals(js)).toBe(true);
  const plain = await get('/panel/js/app.3f9a1c2b.js');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.equals(js)).toBe(true);
  expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
});

it('recognises content hashes of both bundlers, and nothing else, as immutable', async () => {
  for (const [name, immutable] of [['index-CvsNe1Pi.js', true], ['DashboardPage-BOtE7Yju.css', true], ['550.fa466991.js', true], ['swagger-standalone.js', false], ['logo.png', false], ['550.fa466991.js.LICENSE.txt', false]] as const) {
    fs.writeFileSync(path.join(dir, 'js', name), 'x');
    const r = await get(`/panel/js/${name}`);
    expect({ name, cache: r.headers['cache-control'] }).toEqual({ name, cache: immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
  }
});

it('never serves a sibling older than its file, and revalidates HTML every time', async () => {
  const stale = await get('/panel/js/stale.js', 'br');
  expect(stale.headers['content-encoding']).toBeUndefined();
  expect(stale.body.equals(js)).toBe(true);
  expect(stale.headers['cache-control']).toBe('no-cache');
  const page = await get('/panel/some/route', 'br');
  expect(page.headers['content-encoding']).toBe('br');
  expect(page.headers['cache-control']).toBe('no-cache');
  expect(zlib.brotliDecompressSync(page.body).equals(html)).toBe(true);
});
