// Voice replies: Tencent TTS through the real SDK against a fake on 127.0.0.1 (signature checked), PCM encoded to SILK; configuration; what is said.
import { detectAudioFormat, silkDurationMs } from '../audio';
import { startFakeTts, type FakeTts } from '../testing/fake-tencent-tts';
import { NoSpeaker, speakerFromEnv, spokenReceipt, TencentSpeaker } from './index';

const SECRET_ID = 'AKIDlinlitts0001';
const SECRET_KEY = 'linli-tts-secret-key';
// silk-wasm's CommonJS entry uses a dynamic import: jest runs it only with NODE_OPTIONS=--experimental-vm-modules (npm test sets it).
const canEncode = /--experimental-vm-modules/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`);

let tts: FakeTts;
beforeAll(async () => {
  tts = await startFakeTts(SECRET_KEY, 1200);
});
afterAll(() => tts.close());

describe('TencentSpeaker', () => {
  (canEncode ? it : it.skip)('sends a signed TextToVoice for 16 kHz PCM, slow and loud, and returns WeChat SILK of the same length', async () => {
    const speaker = new TencentSpeaker({ secretId: SECRET_ID, secretKey: SECRET_KEY, region: 'ap-shanghai', endpoint: tts.endpoint, voiceType: 101001 });
    const silk = await speaker.speak('您好，已经帮您登记了');
    expect(detectAudioFormat(silk)).toBe('silk');
    expect(silkDurationMs(silk)).toBeGreaterThanOrEqual(1100);
    expect(silkDurationMs(silk)).toBeLessThanOrEqual(1300);
    const req = tts.requests.at(-1)!;
    expect(req.signatureValid).toBe(true);
    expect(req.headers['x-tc-action']).toBe('TextToVoice');
    expect(req.headers['x-tc-version']).toBe('2019-08-23');
    expect(req.headers['x-tc-region']).toBe('ap-shanghai');
    expect(req.body).toMatchObject({ Text: '您好，已经帮您登记了', Codec: 'pcm', SampleRate: 16000, Speed: -1, VoiceType: 101001, ModelType: 1 });
    expect(req.body.SessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects when the service fails, and cuts text to the 150 characters TextToVoice takes', async () => {
    const speaker = new TencentSpeaker({ secretId: SECRET_ID, secretKey: SECRET_KEY, region: 'ap-shanghai', endpoint: tts.endpoint });
    tts.mode = 'fail';
    try {
      await expect(speaker.speak('很'.repeat(400))).rejects.toThrow(/合成失败/);
    } finally {
      tts.mode = 'ok';
    }
    expect(Array.from(tts.requests.at(-1)!.body.Text as string)).toHaveLength(150);
    expect(tts.requests.at(-1)!.body.VoiceType).toBeUndefined();
  });

  it('a wrong secret is refused by the (fake) service', async () => {
    const speaker = new TencentSpeaker({ secretId: SECRET_ID, secretKey: 'not-the-key', region: 'ap-shanghai', endpoint: tts.endpoint });
    await expect(speaker.speak('你好')).rejects.toThrow(/signature/);
  });
});

describe('configuration and words', () => {
  it('TTS_PROVIDER=tencent needs both secrets; anything else is no voice', () => {
    expect(speakerFromEnv({})).toBeInstanceOf(NoSpeaker);
    expect(speakerFromEnv({ TTS_PROVIDER: 'tencent', TENCENTCLOUD_SECRET_ID: 'a', TENCENTCLOUD_SECRET_KEY: 'b' })).toBeInstanceOf(TencentSpeaker);
    expect(() => speakerFromEnv({ TTS_PROVIDER: 'tencent' })).toThrow(/TENCENTCLOUD_SECRET_ID/);
  });

  it('reads the ticket number as its last digits, and says whether the voice was understood', () => {
    expect(spokenReceipt('BM-000123', true)).toBe('您好，您说的问题已经帮您登记了，工单尾号123。我们会尽快处理，有进展会在群里告诉您。');
    expect(spokenReceipt('BM-000007', false)).toContain('工单尾号7。工作人员会尽快听您的语音');
  });
});
