// H5 voice notes through the browser's MediaRecorder (the weapp uses WeChat's recorder manager instead).

export interface H5Voice {
  filePath: string;
  durationMs: number;
  fileName: string;
}

export interface H5Recording {
  /** Ends the recording and gives the note as a blob: URL that Taro.uploadFile and the audio player accept. */
  stop(): Promise<H5Voice>;
  /** Drops it (page left, error) and releases the microphone. */
  cancel(): void;
}

export const MAX_VOICE_MS = 60_000;

// Opus in WebM is what Chromium and Firefox record; Safari records AAC in MP4. The server checks the bytes either way.
const TYPES = [
  { mime: 'audio/webm;codecs=opus', name: 'voice.webm' },
  { mime: 'audio/mp4', name: 'voice.m4a' },
  { mime: 'audio/ogg;codecs=opus', name: 'voice.ogg' },
];

export function h5RecorderAvailable(): boolean {
  return typeof window !== 'undefined' && typeof window.MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

/** Asks for the microphone and starts recording; `onLimit` runs if the 60 s limit stops it first. */
export async function startH5Recording(onLimit: () => void): Promise<H5Recording> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
  const type = TYPES.find((t) => MediaRecorder.isTypeSupported(t.mime));
  // Speech needs little: 32 kbit/s keeps a minute under 250 KB.
  const rec = new MediaRecorder(stream, type ? { mimeType: type.mime, audioBitsPerSecond: 32_000 } : undefined);
  const chunks: Blob[] = [];
  rec.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const started = Date.now();
  const release = () => stream.getTracks().forEach((t) => t.stop());
  const limit = setTimeout(onLimit, MAX_VOICE_MS);
  rec.start();
  return {
    stop: () =>
      new Promise<H5Voice>((resolve, reject) => {
        clearTimeout(limit);
        rec.onstop = () => {
          release();
          const blob = new Blob(chunks, { type: rec.mimeType || type?.mime || 'audio/webm' });
          if (blob.size === 0) reject(new Error('empty recording'));
          else resolve({ filePath: URL.createObjectURL(blob), durationMs: Date.now() - started, fileName: type?.name ?? 'voice.webm' });
        };
        if (rec.state === 'inactive') rec.onstop(new Event('stop'));
        else rec.stop();
      }),
    cancel: () => {
      clearTimeout(limit);
      rec.onstop = null;
      if (rec.state !== 'inactive') rec.stop();
      release();
    },
  };
}
