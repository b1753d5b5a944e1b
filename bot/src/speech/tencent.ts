// Tencent Cloud TTS TextToVoice through the official SDK (16 kHz PCM), encoded to SILK with silk-wasm for a WeChat voice message.
import crypto from 'node:crypto';
import { tts } from 'tencentcloud-sdk-nodejs-tts';
import { encodeSilk } from '../audio';
import type { Speaker } from './index';

export interface TencentTtsOptions {
  secretId: string;
  secretKey: string;
  region: string;
  /** host[:port] override; plain http when it is a loopback address (a local fake in tests and demos). */
  endpoint?: string;
  /** Tencent voice (音色) id; the service default when absent. */
  voiceType?: number;
  timeoutSec?: number;
}

/** TextToVoice takes at most 150 Chinese characters per request. */
export const MAX_TTS_CHARS = 150;
const SAMPLE_RATE = 16000;

export class TencentSpeaker implements Speaker {
  readonly name = 'tencent';
  private readonly client: InstanceType<typeof tts.v20190823.Client>;

  constructor(private readonly opts: TencentTtsOptions) {
    const endpoint = opts.endpoint ?? 'tts.tencentcloudapi.com';
    const local = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(endpoint);
    this.client = new tts.v20190823.Client({
      credential: { secretId: opts.secretId, secretKey: opts.secretKey },
      region: opts.region,
      profile: {
        signMethod: 'TC3-HMAC-SHA256',
        httpProfile: { endpoint, protocol: local ? 'http://' : 'https://', reqMethod: 'POST', reqTimeout: opts.timeoutSec ?? 15 },
      },
    });
  }

  async speak(text: string): Promise<Buffer> {
    const r = await this.client.TextToVoice({
      Text: Array.from(text).slice(0, MAX_TTS_CHARS).join(''),
      SessionId: crypto.randomUUID(),
      ModelType: 1,
      // A little slower than normal (0.8×) and a little louder: the listeners are elderly.
      Speed: -1,
      Volume: 5,
      Codec: 'pcm',
      SampleRate: SAMPLE_RATE,
      ...(this.opts.voiceType !== undefined && Number.isFinite(this.opts.voiceType) ? { VoiceType: this.opts.voiceType } : {}),
    });
    if (!r.Audio) throw new Error('语音合成没有返回音频');
    const pcm = Buffer.from(r.Audio, 'base64');
    if (pcm.length < 2) throw new Error('语音合成返回的音频为空');
    return encodeSilk(pcm, SAMPLE_RATE);
  }
}
