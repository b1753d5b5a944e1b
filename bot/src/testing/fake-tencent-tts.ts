// A fake Tencent Cloud TTS endpoint on 127.0.0.1: checks the SDK's TC3-HMAC-SHA256 signature and answers TextToVoice with 16 kHz PCM (a tone).
import crypto from 'node:crypto';
import http from 'node:http';
import { verifyTc3, type AsrRequest } from './fake-tencent-asr';

export interface FakeTts {
  endpoint: string;
  requests: AsrRequest[];
  mode: 'ok' | 'fail';
  close(): Promise<void>;
}

/** `ms` of a 440 Hz tone as 16-bit mono PCM at 16 kHz. */
export function tonePcm(ms: number, sampleRate = 16000): Buffer {
  const n = Math.round((sampleRate * ms) / 1000);
  const b = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
  return b;
}

export async function startFakeTts(secretKey: string, audioMs = 1200): Promise<FakeTts> {
  const state: FakeTts = { endpoint: '', requests: [], mode: 'ok', close: async () => undefined };
  const audio = tonePcm(audioMs).toString('base64');
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
      state.requests.push({ headers: req.headers, body, rawBody, signatureValid: v.valid, credentialScope: v.scope });
      const RequestId = crypto.randomUUID();
      res.setHeader('content-type', 'application/json');
      if (!v.valid) return res.end(JSON.stringify({ Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'signature mismatch' }, RequestId } }));
      if (state.mode === 'fail') return res.end(JSON.stringify({ Response: { Error: { Code: 'InternalError', Message: '合成失败' }, RequestId } }));
      res.end(JSON.stringify({ Response: { Audio: audio, SessionId: body.SessionId, Subtitles: [], RequestId } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.endpoint = `127.0.0.1:${(server.address() as { port: number }).port}`;
  state.close = () => new Promise<void>((r) => server.close(() => r()));
  return state;
}
