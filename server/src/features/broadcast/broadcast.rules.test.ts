// The pure rules: quiet hours across midnight in Shanghai time, zone matching, speech from notices and alerts (never a personal alert), TTS chunking and the WAV we store.
import { alertSpeech, alertUrgent, clip, noticeSpeech, noticeZones, quietUntil, speakable, speakerInZones } from './broadcast.rules';
import fs from 'node:fs';
import { ESPEAK_BIN, EspeakTts, ttsChunks, wavDurationMs, wavFromPcm } from './broadcast.tts';

const sh = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours 22:00-07:00 (Shanghai)', () => {
  it.each([
    ['2026-12-01T21:59:59', null],
    ['2026-12-01T22:00:00', '2026-12-02T07:00:00'],
    ['2026-12-01T23:30:00', '2026-12-02T07:00:00'],
    ['2026-12-02T03:00:00', '2026-12-02T07:00:00'],
    ['2026-12-02T06:59:00', '2026-12-02T07:00:00'],
    ['2026-12-02T07:00:00', null],
    ['2026-12-02T12:00:00', null],
  ])('%s → %s', (at, until) => {
    expect(quietUntil(sh(at), '22:00-07:00')?.getTime() ?? null).toBe(until ? sh(until).getTime() : null);
  });

  it('a window inside one day, and an empty one', () => {
    expect(quietUntil(sh('2026-12-01T12:30:00'), '12:00-14:00')?.getTime()).toBe(sh('2026-12-01T14:00:00').getTime());
    expect(quietUntil(sh('2026-12-01T15:00:00'), '12:00-14:00')).toBeNull();
    expect(quietUntil(sh('2026-12-01T12:30:00'), '12:00-12:00')).toBeNull();
  });
});

describe('zones', () => {
  it('estate-wide reaches every speaker, buildings only the speakers covering one of them', () => {
    expect(speakerInZones([], { all: true })).toBe(true);
    expect(speakerInZones(['3号楼'], { buildings: ['3号楼'] })).toBe(true);
    expect(speakerInZones(['3号楼', '4号楼'], { buildings: ['4号楼', '6号楼'] })).toBe(true);
    expect(speakerInZones(['5号楼'], { buildings: ['3号楼'] })).toBe(false);
    // A gate speaker (no buildings) plays only estate-wide announcements.
    expect(speakerInZones([], { buildings: ['3号楼'] })).toBe(false);
    expect(noticeZones({ buildings: ['3号楼'] })).toEqual({ buildings: ['3号楼'] });
    expect(noticeZones({ all: true })).toEqual({ all: true });
  });
});

describe('what is said', () => {
  it('a notice: title and its Markdown read as sentences, links as their words, within 500 characters', () => {
    expect(speakable('# 停水\n- 时间：**明天上午**\n- 详见[公告](https://x.cn/a)')).toBe('停水。时间：明天上午。详见公告。');
    expect(noticeSpeech({ title: '3号楼停水', body: '明天8点到12点停水，请提前储水' })).toBe('社区通知：3号楼停水。明天8点到12点停水，请提前储水。');
    const long = clip('一句话。'.repeat(200));
    expect(Array.from(long).length).toBeLessThanOrEqual(500);
    expect(long.endsWith('。')).toBe(true);
  });

  it('public-safety alerts speak where they are; personal alerts never', () => {
    expect(alertSpeech({ type: 'fire_lane_blocked', audience: 'public', location: { building: '3号楼', text: '3号楼东侧' } })).toBe('3号楼东侧消防通道被占用，请车主尽快挪车。');
    expect(alertSpeech({ type: 'trash_overflow', audience: 'public', location: {} })).toContain('小区内垃圾桶已满');
    for (const type of ['sos', 'fall', 'heart_rate', 'no_checkin'] as const) expect(alertSpeech({ type, audience: 'personal', location: { building: '3号楼' } })).toBeNull();
    // Even mislabelled, a personal type has nothing to say.
    expect(alertSpeech({ type: 'sos', audience: 'public', location: {} })).toBeNull();
    expect(alertUrgent('smoke')).toBe(true);
    expect(alertUrgent('trash_overflow')).toBe(false);
  });
});

describe('speech files', () => {
  it('splits text for TextToVoice at sentence ends, never over 150 characters, losing nothing', () => {
    const text = '明天上午8点到12点3号楼停水，请提前储水。'.repeat(12);
    const parts = ttsChunks(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => Array.from(p).length <= 150 && p.endsWith('。'))).toBe(true);
    expect(parts.join('')).toBe(text);
    expect(ttsChunks('无标点'.repeat(100)).every((p) => Array.from(p).length <= 150)).toBe(true);
  });

  it('wraps 16 kHz PCM in a WAV header whose length reads back', () => {
    const wav = wavFromPcm(Buffer.alloc(32000));
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.subarray(8, 12).toString()).toBe('WAVE');
    expect(wav.length).toBe(32044);
    expect(wavDurationMs(wav)).toBe(1000);
    expect(wavDurationMs(Buffer.from('ID3 not a wav'))).toBeUndefined();
  });
});

// The demo's offline voice: Debian's espeak-ng (installed with the test tools), its streamed header rewritten with real sizes.
(fs.existsSync(ESPEAK_BIN) ? it : it.skip)('espeak-ng speaks Mandarin into a well-formed WAV whose length matches', async () => {
  const s = await new EspeakTts().speak('三号楼停水，请提前储水。');
  expect(s.wav.subarray(0, 4).toString()).toBe('RIFF');
  expect(s.wav.readUInt32LE(4)).toBe(s.wav.length - 8);
  expect(s.wav.readUInt32LE(40)).toBe(s.wav.length - 44);
  expect(s.durationMs).toBeGreaterThan(500);
  expect(wavDurationMs(s.wav)).toBe(s.durationMs);
});
