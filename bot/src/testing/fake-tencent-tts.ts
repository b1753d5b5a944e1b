// A fake Tencent Cloud TTS endpoint on 127.0.0.1: checks the SDK's TC3-HMAC-SHA256 signature and answers TextToVoice with 16 kHz PCM (a tone).
import { serveSigned, type AsrRequest } from './fake-tencent-asr';

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
  const server = await serveSigned(secretKey, state.requests, (body) =>
    state.mode === 'fail'
      ? { Error: { Code: 'InternalError', Message: '合成失败' } }
      : { Audio: audio, SessionId: body.SessionId, Subtitles: [] },
  );
  state.endpoint = server.endpoint;
  state.close = server.close;
  return state;
}
