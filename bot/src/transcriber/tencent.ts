// Tencent Cloud ASR SentenceRecognition (一句话识别) through the official SDK; takes WeChat SILK directly (≤ 60 s, ≤ 3 MB).
import { asr } from 'tencentcloud-sdk-nodejs-asr';
import type { AudioFormat } from '../audio';
import type { Transcriber } from './index';

export interface TencentAsrOptions {
  secretId: string;
  secretKey: string;
  region: string;
  /** host[:port] override; plain http when it is a loopback address (a local fake in tests and demos). */
  endpoint?: string;
  timeoutSec?: number;
}

const MAX_BYTES = 3 * 1024 * 1024;
const FORMATS: Partial<Record<AudioFormat, string>> = { silk: 'silk', mp3: 'mp3', wav: 'wav', amr: 'amr' };

export class TencentTranscriber implements Transcriber {
  readonly name = 'tencent';
  private readonly client: InstanceType<typeof asr.v20190614.Client>;

  constructor(opts: TencentAsrOptions) {
    const endpoint = opts.endpoint ?? 'asr.tencentcloudapi.com';
    const local = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(endpoint);
    this.client = new asr.v20190614.Client({
      credential: { secretId: opts.secretId, secretKey: opts.secretKey },
      region: opts.region,
      profile: {
        signMethod: 'TC3-HMAC-SHA256',
        httpProfile: { endpoint, protocol: local ? 'http://' : 'https://', reqMethod: 'POST', reqTimeout: opts.timeoutSec ?? 20 },
      },
    });
  }

  async transcribe(audio: Buffer, format: AudioFormat): Promise<string> {
    const voiceFormat = FORMATS[format];
    if (!voiceFormat) throw new Error(`不支持的语音格式：${format}`);
    if (audio.length > MAX_BYTES) throw new Error('语音太长，无法识别');
    const r = await this.client.SentenceRecognition({
      EngSerViceType: '16k_zh',
      SourceType: 1,
      VoiceFormat: voiceFormat,
      Data: audio.toString('base64'),
      DataLen: audio.length,
      FilterDirty: 0,
      FilterModal: 0,
      ConvertNumMode: 1,
    });
    const text = (r.Result ?? '').trim();
    if (!text) throw new Error('未识别出文字');
    return text;
  }
}
