// A fake Tencent Cloud ASR endpoint on 127.0.0.1 that checks the TC3-HMAC-SHA256 signature the real SDK computed, and answers like SentenceRecognition.
import crypto from 'node:crypto';
import http from 'node:http';

export interface AsrRequest {
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  rawBody: Buffer;
  /** The Authorization header's signature matched one computed here with the shared secret key. */
  signatureValid: boolean;
  credentialScope: string;
}

export interface FakeAsr {
  endpoint: string;
  requests: AsrRequest[];
  mode: 'ok' | 'fail';
  transcript: string;
  close(): Promise<void>;
}

const sha256hex = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => crypto.createHmac('sha256', key).update(s).digest();

/** Recomputes the TC3 signature from the request as received (content-type;host signed headers, as the SDK does). */
export function verifyTc3(req: { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }, secretKey: string): { valid: boolean; scope: string } {
  const auth = String(req.headers.authorization ?? '');
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { valid: false, scope: '' };
  const [, , date, service, signedHeaders, signature] = m;
  const ts = String(req.headers['x-tc-timestamp'] ?? '');
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
  const values: Record<string, string> = { 'content-type': String(req.headers['content-type'] ?? ''), host };
  const canonicalHeaders = signedHeaders!.split(';').map((h) => `${h}:${values[h] ?? String(req.headers[h] ?? '')}\n`).join('');
  const u = new URL(req.url, 'http://x');
  const canonical = [req.method, u.pathname, u.search.slice(1), canonicalHeaders, signedHeaders, sha256hex(req.body)].join('\n');
  const scope = `${date}/${service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', ts, scope, sha256hex(canonical)].join('\n');
  const kSigning = hmac(hmac(hmac(`TC3${secretKey}`, date!), service!), 'tc3_request');
  const expected = crypto.createHmac('sha256', kSigning).update(toSign).digest('hex');
  const dateOk = new Date(Number(ts) * 1000).toISOString().slice(0, 10) === date;
  return { valid: expected === signature && dateOk, scope };
}

/**
 * A loopback HTTP server speaking Tencent Cloud's API envelope: records every request with its signature check, answers
 * a bad signature with AuthFailure, and otherwise `answer(body)` (the Response without its RequestId).
 */
export async function serveSigned(
  secretKey: string,
  requests: AsrRequest[],
  answer: (body: Record<string, unknown>) => Record<string, unknown>,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        /* recorded as is */
      }
      const v = verifyTc3({ method: req.method ?? '', url: req.url ?? '/', headers: req.headers, body: rawBody }, secretKey);
      requests.push({ headers: req.headers, body, rawBody, signatureValid: v.valid, credentialScope: v.scope });
      const RequestId = crypto.randomUUID();
      res.setHeader('content-type', 'application/json');
      const out = v.valid ? answer(body) : { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'signature mismatch' } };
      res.end(JSON.stringify({ Response: { ...out, RequestId } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function startFakeAsr(secretKey: string, transcript = '三号楼电梯坏了'): Promise<FakeAsr> {
  const state: FakeAsr = { endpoint: '', requests: [], mode: 'ok', transcript, close: async () => undefined };
  const server = await serveSigned(secretKey, state.requests, () =>
    state.mode === 'fail'
      ? { Error: { Code: 'FailedOperation.ErrorRecognize', Message: '识别失败' } }
      : { Result: state.transcript, AudioDuration: 3360, WordSize: 0, WordList: null },
  );
  state.endpoint = server.endpoint;
  state.close = server.close;
  return state;
}
