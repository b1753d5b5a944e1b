// Text to speech for voice replies to elders who spoke by voice: Tencent Cloud TTS encoded to WeChat SILK, or none.
import { TencentSpeaker, type TencentTtsOptions } from './tencent';

export interface Speaker {
  readonly name: string;
  /** SILK v3 audio saying `text`; rejects when synthesis fails (the text reply has been sent already). */
  speak(text: string): Promise<Buffer>;
}

export class NoSpeaker implements Speaker {
  readonly name = 'none';
  async speak(): Promise<Buffer> {
    throw new Error('语音回复未开启');
  }
}

export interface SpeakerEnv {
  TTS_PROVIDER?: string;
  TENCENTCLOUD_SECRET_ID?: string;
  TENCENTCLOUD_SECRET_KEY?: string;
  TENCENT_TTS_REGION?: string;
  TENCENT_TTS_ENDPOINT?: string;
  TENCENT_TTS_VOICE_TYPE?: string;
}

/** TTS_PROVIDER=tencent needs both secrets; anything else (or nothing) means no voice replies. */
export function speakerFromEnv(env: SpeakerEnv): Speaker {
  if ((env.TTS_PROVIDER ?? 'none') !== 'tencent') return new NoSpeaker();
  if (!env.TENCENTCLOUD_SECRET_ID || !env.TENCENTCLOUD_SECRET_KEY) throw new Error('TTS_PROVIDER=tencent needs TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY');
  const opts: TencentTtsOptions = {
    secretId: env.TENCENTCLOUD_SECRET_ID,
    secretKey: env.TENCENTCLOUD_SECRET_KEY,
    region: env.TENCENT_TTS_REGION || 'ap-shanghai',
    endpoint: env.TENCENT_TTS_ENDPOINT || undefined,
    voiceType: env.TENCENT_TTS_VOICE_TYPE ? Number(env.TENCENT_TTS_VOICE_TYPE) : undefined,
  };
  return new TencentSpeaker(opts);
}

/** What the bot says aloud after a voice report: short, slow, the ticket number as its last digits ("工单尾号 123"). */
export function spokenReceipt(ticketNo: string, heard: boolean): string {
  const tail = /(\d+)$/.exec(ticketNo)?.[1]?.replace(/^0+(?=\d)/, '') ?? ticketNo;
  return heard
    ? `您好，您说的问题已经帮您登记了，工单尾号${tail}。我们会尽快处理，有进展会在群里告诉您。`
    : `您好，您的语音已经收到了，工单尾号${tail}。工作人员会尽快听您的语音并处理。`;
}

export { TencentSpeaker };
