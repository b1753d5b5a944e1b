// Speech to text for voice reports: Tencent Cloud ASR or none; a failure never drops the report (the ticket becomes 待转写).
import type { AudioFormat } from '../audio';
import { TencentTranscriber, type TencentAsrOptions } from './tencent';

export interface Transcriber {
  readonly name: string;
  /** Resolves with the text, or rejects; the caller files the ticket either way. */
  transcribe(audio: Buffer, format: AudioFormat): Promise<string>;
}

export class NoTranscriber implements Transcriber {
  readonly name = 'none';
  async transcribe(): Promise<string> {
    throw new Error('语音转写未开启');
  }
}

export interface TranscriberEnv {
  ASR_PROVIDER?: string;
  TENCENTCLOUD_SECRET_ID?: string;
  TENCENTCLOUD_SECRET_KEY?: string;
  TENCENT_ASR_REGION?: string;
  TENCENT_ASR_ENDPOINT?: string;
}

/** ASR_PROVIDER=tencent needs both secrets; anything else (or nothing) means none. */
export function transcriberFromEnv(env: TranscriberEnv): Transcriber {
  if ((env.ASR_PROVIDER ?? 'none') !== 'tencent') return new NoTranscriber();
  if (!env.TENCENTCLOUD_SECRET_ID || !env.TENCENTCLOUD_SECRET_KEY)
    throw new Error('ASR_PROVIDER=tencent needs TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY');
  const opts: TencentAsrOptions = {
    secretId: env.TENCENTCLOUD_SECRET_ID,
    secretKey: env.TENCENTCLOUD_SECRET_KEY,
    region: env.TENCENT_ASR_REGION || 'ap-shanghai',
    endpoint: env.TENCENT_ASR_ENDPOINT || undefined,
  };
  return new TencentTranscriber(opts);
}

export { TencentTranscriber };
