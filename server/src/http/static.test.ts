// Attacks on URL decoding: traversal out of the built front ends and malformed percent-escapes answer 4xx, never 500, and leak nothing.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { startTestServer, type TestServer } from '../test-support/harness';
import { errorMiddleware } from './errors';
import { spa } from './static';

/** A GET with the path sent byte for byte (fetch would normalise `..` and re-encode `%`). */
function rawGet(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method: 'GET', path: rawPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// What a successful escape from client/panel/dist or client/miniapp/dist/h5 would show.
const ROOT_PACKAGE = fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8');
const leaked = (body: string) => body.includes('"workspaces"') || body.includes(ROOT_PACKAGE.slice(0, 60)) || body.includes('root:x:0:0');

const ATTACKS = [
  '/panel/..%2f..',
  '/panel/..%2f..%2f..%2fpackage.json',
  '/panel/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
  '/panel/../../../package.json',
  '/panel/%2e%2e/%2e%2e/%2e%2e/package.json',
  '/panel/..%5c..%5c..%5cpackage.json',
  '/panel/assets/%00index.html',
  '/panel/%',
  '/panel/%E0%A4%A',
  '/panel/%zz',
  '/h5/..%2f..%2f..%2f..%2fpackage.json',
  '/h5/%',
];

describe('URL decoding attacks on the real app', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it.each(ATTACKS)('%s answers 4xx and serves nothing outside the build', async (p) => {
    const r = await rawGet(s.url, p);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(leaked(r.body)).toBe(false);
  });

  it.each(['/api/tickets/%E0%A4%A', '/api/%', '/api/tickets?cursor=%', '/api/tickets/%zz/comments'])(
    'an API path or query with a malformed escape (%s) answers 4xx, never 500',
    async (p) => {
      const token = await s.loginStaff();
      const r = await s.request('GET', p, { token });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    },
  );
});

describe('spa() against a build directory of its own', () => {
  let dir: string;
  let secret: string;
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-spa-'));
    dir = path.join(top, 'dist');
    fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>panel</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.0123abcd.js'), 'console.log(1)');
    secret = path.join(top, 'secret.txt');
    fs.writeFileSync(secret, 'TOP-SECRET');
    const app = new Koa();
    app.use(errorMiddleware());
    app.use(spa('/panel', dir));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it.each(['/panel/..%2fsecret.txt', '/panel/../secret.txt', '/panel/assets/..%2f..%2fsecret.txt', '/panel/%2e%2e%2fsecret.txt', '/panel/..%5csecret.txt'])(
    '%s is refused with 4xx and the neighbouring file stays unread',
    async (p) => {
      const r = await rawGet(base, p);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body).not.toContain('TOP-SECRET');
    },
  );

  it('a malformed escape gets a Chinese 4xx error, not a 500', async () => {
    const r = await rawGet(base, '/panel/%');
    expect(r.status).toBe(422);
    expect(JSON.parse(r.body).error.message).toMatch(/路径/);
  });

  it('legitimate pages and assets still load', async () => {
    const asset = await rawGet(base, '/panel/assets/app.0123abcd.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    const deep = await rawGet(base, '/panel/tickets/123');
    expect(deep.status).toBe(200);
    expect(deep.body).toContain('<title>panel</title>');
    const encoded = await rawGet(base, '/panel/%E5%B7%A5%E5%8D%95');
    expect(encoded.status).toBe(200);
  });
});
