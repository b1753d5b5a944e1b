// Text to speech for broadcasts: Tencent Cloud TextToVoice through the official SDK (16 kHz PCM per sentence chunk, joined into one WAV file), or Debian's espeak-ng offline for the demo.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { tts } from 'tencentcloud-sdk-nodejs-tts';
import { AppError } from '../../core/errors';
import type { Config } from '../../config';

/** TextToVoice takes at most 150 Chinese characters per request. */
export const TTS_CHUNK_CHARS = 150;
const SAMPLE_RATE = 16000;

export interface Speech {
  wav: Buffer;
  durationMs: number;
}

/** Splits text at sentence ends (then commas, then hard) into chunks TextToVoice accepts. */
export function ttsChunks(text: string, max = TTS_CHUNK_CHARS): string[] {
  const out: string[] = [];
  let rest = Array.from(text.trim());
  while (rest.length > max) {
    const head = rest.slice(0, max);
    let cut = -1;
    for (const marks of ['。！？!?；;\n', '，,、 ']) {
      for (let i = head.length - 1; i >= max / 3; i--) if (marks.includes(head[i]!)) { cut = i + 1; break; }
      if (cut > 0) break;
    }
    if (cut <= 0) cut = max;
    out.push(rest.slice(0, cut).join('').trim());
    rest = rest.slice(cut);
  }
  if (rest.join('').trim()) out.push(rest.join('').trim());
  return out.filter(Boolean);
}

/** A RIFF/WAVE header around 16-bit mono PCM: every speaker and browser plays it. */
export function wavFromPcm(pcm: Buffer, sampleRate = SAMPLE_RATE): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + pcm.length, 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([h, pcm]);
}

/** Length of a 16-bit mono WAV we made (or any canonical 44-byte-header PCM WAV); undefined for other audio. */
export function wavDurationMs(buf: Buffer): number | undefined {
  if (buf.length < 44 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE') return undefined;
  const byteRate = buf.readUInt32LE(28);
  return byteRate > 0 ? Math.round(((buf.length - 44) / byteRate) * 1000) : undefined;
}

export interface Synthesizer {
  readonly configured: boolean;
  speak(text: string): Promise<Speech>;
}

export class TencentTts implements Synthesizer {
  private readonly client: InstanceType<typeof tts.v20190823.Client> | null;

  constructor(private readonly config: Config) {
    const c = config;
    const local = /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(c.TENCENT_TTS_ENDPOINT);
    this.client =
      c.TENCENTCLOUD_SECRET_ID && c.TENCENTCLOUD_SECRET_KEY
        ? new tts.v20190823.Client({
            credential: { secretId: c.TENCENTCLOUD_SECRET_ID, secretKey: c.TENCENTCLOUD_SECRET_KEY },
            region: c.TENCENT_TTS_REGION,
            profile: {
              signMethod: 'TC3-HMAC-SHA256',
              // Local fakes (tests, drills) speak plain http; the real endpoint is https only.
              httpProfile: { endpoint: c.TENCENT_TTS_ENDPOINT, protocol: local ? 'http://' : 'https://', reqMethod: 'POST', reqTimeout: 15 },
            },
          })
        : null;
  }

  get configured(): boolean {
    return this.client !== null;
  }

  async speak(text: string): Promise<Speech> {
    if (!this.client) throw new AppError('VALIDATION', '语音合成未配置（需要腾讯云密钥），请改用录音喊话');
    const parts: Buffer[] = [];
    for (const chunk of ttsChunks(text)) {
      const r = await this.client.TextToVoice({
        Text: chunk,
        SessionId: crypto.randomUUID(),
        ModelType: 1,
        // Slower (0.8×) and louder than normal: outdoor speakers, elderly listeners.
        Speed: -1,
        Volume: 8,
        Codec: 'pcm',
        SampleRate: SAMPLE_RATE,
        ...(this.config.TENCENT_TTS_VOICE_TYPE !== undefined ? { VoiceType: this.config.TENCENT_TTS_VOICE_TYPE } : {}),
      });
      if (!r.Audio) throw new Error('语音合成没有返回音频');
      parts.push(Buffer.from(r.Audio, 'base64'));
      // Half a second between sentences chunks, so joined chunks do not run together.
      parts.push(Buffer.alloc(SAMPLE_RATE));
    }
    const pcm = Buffer.concat(parts);
    if (pcm.length <= SAMPLE_RATE) throw new Error('语音合成返回的音频为空');
    return { wav: wavFromPcm(pcm), durationMs: Math.round((pcm.length / (SAMPLE_RATE * 2)) * 1000) };
  }
}

export const ESPEAK_BIN = '/usr/bin/espeak-ng';

/**
 * Offline Mandarin from Debian's espeak-ng (robotic, but real speech): lets `npm start` show a broadcast end to end without cloud
 * keys. Never chosen in production; text goes in on stdin, never as an argument.
 */
export class EspeakTts implements Synthesizer {
  readonly configured = fs.existsSync(ESPEAK_BIN);

  speak(text: string): Promise<Speech> {
    return new Promise((resolve, reject) => {
      const child = spawn(ESPEAK_BIN, ['-v', 'cmn', '-s', '140', '--stdout'], { stdio: ['pipe', 'pipe', 'ignore'] });
      const out: Buffer[] = [];
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.on('error', (err) => (clearTimeout(timer), reject(err)));
      child.on('close', (code) => {
        clearTimeout(timer);
        const buf = Buffer.concat(out);
        // Its streamed header has no real sizes: take the samples after the data chunk and write a proper header.
        const data = buf.indexOf('data', 12, 'latin1');
        if (code !== 0 || data < 0 || buf.length <= data + 8) return reject(new Error(`espeak-ng exited ${code}`));
        const rate = buf.readUInt32LE(24);
        const pcm = buf.subarray(data + 8);
        resolve({ wav: wavFromPcm(pcm, rate), durationMs: Math.round((pcm.length / (rate * 2)) * 1000) });
      });
      child.stdin.end(text);
    });
  }
}

export class NoTts implements Synthesizer {
  readonly configured = false;
  async speak(): Promise<Speech> {
    throw new AppError('VALIDATION', '语音合成未配置（需要腾讯云密钥），请改用录音喊话');
  }
}
