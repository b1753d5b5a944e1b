// Upload limits: which files residents and the bot may attach, and how large.
export const UPLOAD_LIMITS = {
  image: { mimes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'], maxBytes: 10 * 1024 * 1024 },
  audio: {
    mimes: ['audio/silk', 'audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/wav', 'audio/webm', 'audio/ogg'],
    maxBytes: 5 * 1024 * 1024,
  },
  document: {
    mimes: ['application/pdf', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    maxBytes: 10 * 1024 * 1024,
  },
} as const;

export const MAX_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_LIMITS).map((l) => l.maxBytes));

export interface UploadDto {
  id: string;
  url: string;
  mime: string;
  size: number;
}
