// Voice format by magic bytes (not file names), SILK duration without decoding, and the fixture decodes as real SILK speech.
import fs from 'node:fs';
import path from 'node:path';
import { decodeSilk, detectAudioFormat, silkDurationMs } from './audio';
import { maskPii, safeOutgoing, SenderLimiter } from './safety';

const fixture = fs.readFileSync(path.join(__dirname, '..', 'test-fixtures', 'elevator-broken.sil'));
// silk-wasm's CommonJS entry uses a dynamic import: jest runs it only with NODE_OPTIONS=--experimental-vm-modules (npm test sets it).
const canDecode = /--experimental-vm-modules/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`);

describe('audio', () => {
  it('detects SILK (with and without the WeChat 0x02 byte) and MP3 by magic bytes', () => {
    expect(detectAudioFormat(fixture)).toBe('silk');
    expect(detectAudioFormat(fixture.subarray(1))).toBe('silk');
    expect(detectAudioFormat(Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'))).toBe('mp3');
    expect(detectAudioFormat(Buffer.from([0xff, 0xfb, 0x90, 0x44]))).toBe('mp3');
    expect(detectAudioFormat(Buffer.from('hello world'))).toBe('unknown');
  });

  it('reads the SILK duration from its frames', () => {
    expect(silkDurationMs(fixture)).toBe(3360);
    expect(silkDurationMs(Buffer.from('ID3'))).toBeUndefined();
  });

  (canDecode ? it : it.skip)('the committed fixture decodes to ~3.4 s of 16 kHz speech', async () => {
    const { pcm, durationMs } = await decodeSilk(fixture, 16000);
    expect(durationMs).toBeGreaterThan(3000);
    expect(pcm.length).toBeGreaterThan(16000 * 2 * 3);
    let energy = 0;
    for (let i = 0; i < pcm.length; i += 2) energy += Math.abs(pcm.readInt16LE(i));
    expect(energy / (pcm.length / 2)).toBeGreaterThan(100); // not silence
  });
});

describe('safety', () => {
  it('masks phone and ID numbers, bounds long posts', () => {
    expect(maskPii('电话13812345678，身份证11010119900101123X')).toBe('电话138****5678，身份证110101********123X');
    expect(maskPii('工单 BM-000123 于 2026-11-24 办结')).toBe('工单 BM-000123 于 2026-11-24 办结');
    const long = safeOutgoing('很'.repeat(2000));
    expect(Array.from(long).length).toBeLessThan(700);
    expect(long.endsWith('（内容较长，详情请在小程序查看）')).toBe(true);
  });

  it('rate limit: answers up to the limit, warns once, then drops until the window passes', () => {
    const l = new SenderLimiter(2, 1000);
    expect([l.take('a', 0), l.take('a', 1), l.take('a', 2), l.take('a', 3), l.take('b', 3), l.take('a', 1001)]).toEqual(['ok', 'ok', 'warn', 'drop', 'ok', 'ok']);
  });
});
