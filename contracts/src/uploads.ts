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

/**
 * What one account may upload per Shanghai calendar day (count and bytes). A resident without a registered household
 * (a fresh WeChat login nobody has verified) gets the strictest allowance; the bot uploads voice for a whole group.
 */
export const UPLOAD_QUOTAS = {
  unverified: { files: 20, bytes: 20 * 1024 * 1024 },
  resident: { files: 60, bytes: 100 * 1024 * 1024 },
  staff: { files: 300, bytes: 1024 * 1024 * 1024 },
  bot: { files: 2000, bytes: 2 * 1024 * 1024 * 1024 },
} as const;
export type UploadQuotaTier = keyof typeof UPLOAD_QUOTAS;

/** How long a signed upload URL works: clients re-fetch the DTO for fresh URLs. */
export const SIGNED_URL_TTL_MS = 15 * 60 * 1000;

/** Uploads never attached to anything are deleted after this grace period. */
export const ORPHAN_UPLOAD_GRACE_MS = 24 * 3600 * 1000;

export const MAX_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_LIMITS).map((l) => l.maxBytes));

export interface UploadDto {
  id: string;
  url: string;
  mime: string;
  size: number;
}
