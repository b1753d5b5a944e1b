// A fake Tencent Cloud API endpoint on 127.0.0.1 for tests: checks the TC3-HMAC-SHA256 signature the real SDK computed, and answers SendSms / SendTtsVoice.
import crypto from 'node:crypto';
import http from 'node:http';

export interface TencentCall {
  at: number;
  action: string;
  version: string;
  body: any;
  signatureValid: boolean;
  /** The signed scope's service, e.g. `sms` (or the endpoint's first label for a local fake). */
  service: string;
}

/** Reply for one call: the `Response` object without RequestId (the fake adds it), a delay before it, or undefined for the default answer. */
export type Behaviour = (call: TencentCall, calls: TencentCall[]) => Record<string, unknown> | { delayMs: number; reply: Record<string, unknown> } | undefined;

export interface FakeTencent {
  endpoint: string;
  port: number;
  calls: TencentCall[];
  /** Replaces how one action is answered (the defaults succeed). */
  behave(action: string, b: Behaviour | null): void;
  close(): Promise<void>;
}

const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, s: string) => crypto.createHmac('sha256', key).update(s).digest();

/** Recomputes the signature from the raw request, as Tencent's gateway does (signed headers content-type;host; POST; empty query). */
export function tc3Valid(req: http.IncomingMessage, raw: string, secretId: string, secretKey: string): { valid: boolean; service: string } {
  const auth = String(req.headers.authorization ?? '');
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m || m[1] !== secretId) return { valid: false, service: '' };
  const [, , date, service, signedHeaders, signature] = m;
  const ts = Number(req.headers['x-tc-timestamp']);
  if (new Date(ts * 1000).toISOString().slice(0, 10) !== date) return { valid: false, service: service! };
  const canonicalHeaders = signedHeaders!
    .split(';')
    .map((h) => `${h}:${h === 'host' ? String(req.headers.host).split(':')[0] : String(req.headers[h])}\n`)
    .join('');
  const u = new URL(req.url ?? '/', 'http://x');
  const canonical = [req.method, u.pathname, u.search.slice(1), canonicalHeaders, signedHeaders, sha256(raw)].join('\n');
  const scope = `${date}/${service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(ts), scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date!), service!), 'tc3_request');
  return { valid: crypto.createHmac('sha256', key).update(toSign).digest('hex') === signature, service: service! };
}

const DEFAULTS: Record<string, Behaviour> = {
  SendSms: (c) => ({
    SendStatusSet: (c.body.PhoneNumberSet as string[]).map((p) => ({
      SerialNo: `sms-${crypto.randomUUID()}`, PhoneNumber: p, Fee: 1, SessionContext: c.body.SessionContext ?? '', Code: 'Ok', Message: 'send success', IsoCode: 'CN',
    })),
  }),
  SendTtsVoice: (c) => ({ SendStatus: { CallId: `call-${crypto.randomUUID()}`, SessionContext: c.body.SessionContext ?? '' } }),
};

export async function startFakeTencent(secretId: string, secretKey: string): Promise<FakeTencent> {
  const calls: TencentCall[] = [];
  const overrides = new Map<string, Behaviour>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const sig = tc3Valid(req, raw, secretId, secretKey);
      let body: any = {};
      try {
        body = JSON.parse(raw);
      } catch {
        /* recorded as empty */
      }
      const call: TencentCall = {
        at: Date.now(), action: String(req.headers['x-tc-action'] ?? ''), version: String(req.headers['x-tc-version'] ?? ''), body, signatureValid: sig.valid, service: sig.service,
      };
      calls.push(call);
      const send = (r: Record<string, unknown>) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ Response: { ...r, RequestId: crypto.randomUUID() } }));
      };
      if (!sig.valid) return send({ Error: { Code: 'AuthFailure.SignatureFailure', Message: '签名错误' } });
      const out = overrides.get(call.action)?.(call, calls) ?? DEFAULTS[call.action]?.(call, calls);
      if (!out) return send({ Error: { Code: 'InvalidAction', Message: `未知接口 ${call.action}` } });
      if ('delayMs' in out && typeof out.delayMs === 'number') {
        const { reply } = out as { reply: Record<string, unknown> };
        setTimeout(() => send(reply), out.delayMs);
      } else send(out as Record<string, unknown>);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    calls,
    behave: (action, b) => (b ? overrides.set(action, b) : overrides.delete(action)),
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
