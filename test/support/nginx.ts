// Debian's nginx for tests: the shipped site (deploy/nginx/linli.conf) on loopback ports with a self-signed certificate, run with `-p dir` as its own prefix.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '../../server/src/db/embedded';

const ROOT = path.resolve(__dirname, '../..');

export interface TestNginx {
  httpsPort: number;
  httpPort: number;
  /** The self-signed certificate, to trust as a CA (names localhost and 127.0.0.1). */
  ca: Buffer;
  /** nginx's access log, written in `logFormat` when one was given. */
  accessLog: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx on the shipped site with only the host-specific lines changed: loopback listen ports, the test certificate,
 * and `upstream` (the site's upstream block's replacement, whole). Throws when `nginx -t` refuses the configuration.
 */
export async function startNginx(dir: string, o: { upstream: string; logFormat?: string }): Promise<TestNginx> {
  fs.mkdirSync(dir, { recursive: true });
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const ssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { encoding: 'utf8' });
  if (ssl.status !== 0) throw new Error(`openssl: ${ssl.stderr}`);
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const shipped = fs.readFileSync(path.join(ROOT, 'deploy/nginx/linli.conf'), 'utf8');
  const site = shipped
    .replace(/^upstream linli_app \{[^}]*\}\n/m, () => o.upstream)
    .replace(/^\s*listen \[::\]:\d+[^;]*;\n/gm, '')
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replace('/etc/letsencrypt/live/linli.example.com/fullchain.pem', cert)
    .replace('/etc/letsencrypt/live/linli.example.com/privkey.pem', key);
  for (const changed of [o.upstream, `127.0.0.1:${httpsPort} ssl http2`, `127.0.0.1:${httpPort};`, cert, key]) {
    if (!site.includes(changed)) throw new Error(`the shipped site no longer has the line this test changes (${changed})`);
  }
  fs.writeFileSync(path.join(dir, 'site.conf'), site);
  const accessLog = path.join(dir, 'access.log');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/${t};`).join(' ');
  const log = o.logFormat ? `log_format test '${o.logFormat}'; access_log ${accessLog} test;` : `access_log ${accessLog};`;
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;' : ''} daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
     events { worker_connections 64; }
     http { ${log} ${temp} include ${dir}/site.conf; }\n`,
  );
  const args = ['-p', dir, '-c', path.join(dir, 'nginx.conf')];
  const check = spawnSync('/usr/sbin/nginx', ['-t', ...args], { encoding: 'utf8' });
  if (!check.stderr.includes('test is successful')) throw new Error(`nginx -t: ${check.stderr}`);
  const proc: ChildProcess = spawn('/usr/sbin/nginx', args, { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (!(await new Promise<boolean>((r) => net.connect(httpsPort, '127.0.0.1').once('connect', function (this: net.Socket) { this.destroy(); r(true); }).once('error', () => r(false))))) {
    if (proc.exitCode !== null) throw new Error(`nginx exited: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
    if (Date.now() > deadline) throw new Error('nginx did not listen');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    httpsPort,
    httpPort,
    ca: fs.readFileSync(cert),
    accessLog,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGQUIT');
      }),
  };
}
