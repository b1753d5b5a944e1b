// Voice clips: format from magic bytes (puppets deliver SILK or MP3 under any file name) and duration without decoding.

export type AudioFormat = 'silk' | 'mp3' | 'wav' | 'amr' | 'unknown';

const has = (b: Buffer, sig: string, offset = 0) =>
  b.length >= offset + sig.length && b.subarray(offset, offset + sig.length).toString('latin1') === sig;

export function detectAudioFormat(b: Buffer): AudioFormat {
  if (has(b, '#!SILK_V3') || has(b, '\x02#!SILK_V3')) return 'silk';
  if (has(b, 'ID3') || (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0)) return 'mp3';
  if (has(b, 'RIFF') && has(b, 'WAVE', 8)) return 'wav';
  if (has(b, '#!AMR')) return 'amr';
  return 'unknown';
}

/** SILK duration by walking the frame headers (20 ms each); no wasm needed. */
export function silkDurationMs(b: Buffer): number | undefined {
  if (detectAudioFormat(b) !== 'silk') return undefined;
  let offset = b[0] === 0x02 ? 10 : 9;
  let frames = 0;
  while (offset + 2 <= b.length) {
    const size = b.readUInt16LE(offset);
    if (size === 0xffff) break; // end-of-stream marker some encoders write
    frames += 1;
    offset += size + 2;
  }
  return frames * 20;
}

/**
 * Decodes SILK to 16-bit mono PCM (for providers that cannot take SILK). silk-wasm is loaded lazily:
 * its CommonJS entry uses a dynamic import, which jest only allows with NODE_OPTIONS=--experimental-vm-modules.
 */
export async function decodeSilk(b: Buffer, sampleRate = 16000): Promise<{ pcm: Buffer; durationMs: number }> {
  const silk = await import('silk-wasm');
  const r = await silk.decode(b, sampleRate);
  return { pcm: Buffer.from(r.data), durationMs: r.duration };
}

/** Encodes 16-bit mono PCM to SILK v3 (WeChat's voice format); lazily loaded like decodeSilk. */
export async function encodeSilk(pcm: Buffer, sampleRate = 16000): Promise<Buffer> {
  const silk = await import('silk-wasm');
  const r = await silk.encode(pcm, sampleRate);
  return Buffer.from(r.data);
}
