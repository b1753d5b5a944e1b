// Upload rules: type by magic bytes, size per kind, who may fetch, and short-lived signed URLs for <img>/<audio>.
import crypto from 'node:crypto';
import type { Connection } from 'mongoose';
import {
  addDays,
  ORPHAN_UPLOAD_GRACE_MS,
  shanghaiDay,
  SIGNED_URL_TTL_MS,
  UPLOAD_LIMITS,
  UPLOAD_QUOTAS,
  type AttachmentDto,
  type Principal,
  type UploadDto,
  type UploadQuotaTier,
} from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import { sniff } from './sniff';
import { UploadQuotaRepository } from './upload-quota.repository';
import { UploadRepository, type UploadFile } from './upload.repository';

// Other features name stored files by this type, imported from here: the repository stays private to this feature.
export type { UploadFile } from './upload.repository';

// Expiries are rounded up to this step so one file keeps one URL for a few minutes (browser cache) yet never lives past TTL + step.
const URL_EXP_STEP_MS = 5 * 60 * 1000;
/** Orphans deleted per sweep, so one sweep never holds the database for long. */
const ORPHAN_SWEEP_MAX = 500;

/** A resident without a registered household is a fresh WeChat login nobody has verified: the strictest allowance. */
function quotaTier(p: Principal): UploadQuotaTier {
  if (p.kind === 'resident') return p.householdId ? 'resident' : 'unverified';
  return p.kind;
}

/** What other features may do with uploads: check and share attachments, and give out signed URLs. */
export type UploadsApi = Pick<UploadService, 'requireAttachable' | 'share' | 'signedUrl' | 'attachments' | 'save' | 'saveSystem'>;

export class UploadService {
  private readonly repo: UploadRepository;
  private readonly quota: UploadQuotaRepository;
  constructor(
    conn: Connection,
    private readonly secret: string,
  ) {
    this.repo = new UploadRepository(conn);
    this.quota = new UploadQuotaRepository(conn);
  }

  async save(p: Principal, data: Buffer, filename: string, declaredMime: string): Promise<UploadDto> {
    const type = sniff(data, declaredMime);
    if (!type) throw new AppError('VALIDATION', '不支持的文件类型，请上传图片、语音或文档');
    const limit = UPLOAD_LIMITS[type.kind];
    if (!(limit.mimes as readonly string[]).includes(type.mime)) throw new AppError('VALIDATION', '不支持的文件类型');
    if (data.length > limit.maxBytes)
      throw new AppError('TOO_LARGE', `文件太大，最大 ${Math.round(limit.maxBytes / 1024 / 1024)} MB`);
    if (data.length === 0) throw new AppError('VALIDATION', '文件为空');
    const quota = UPLOAD_QUOTAS[quotaTier(p)];
    if (!(await this.quota.reserve(`${p.communityId}:${p.kind}:${p.id}`, shanghaiDay(), data.length, quota)))
      throw new AppError(
        'RATE_LIMITED',
        `今天的上传额度已用完（每天最多 ${quota.files} 个文件、共 ${Math.round(quota.bytes / 1024 / 1024)} MB），请明天再试`,
      );
    const id = await this.repo.save(data, filename.slice(0, 120), {
      communityId: p.communityId,
      ownerKind: p.kind,
      ownerId: p.id,
      mime: type.mime,
      kind: type.kind,
      originalName: filename.slice(0, 120),
      residentIds: [],
      public: false,
      attached: false,
    });
    return { id: String(id), url: this.signedUrl(p.communityId, String(id)), mime: type.mime, size: data.length };
  }

  /** A file the server made itself (synthesized speech for a broadcast): same type and size rules, no one's quota, attached at once. */
  async saveSystem(communityId: string, data: Buffer, filename: string, owner: string): Promise<UploadDto> {
    const type = sniff(data);
    if (!type || !(UPLOAD_LIMITS[type.kind].mimes as readonly string[]).includes(type.mime)) throw new AppError('VALIDATION', '不支持的文件类型');
    if (data.length > UPLOAD_LIMITS[type.kind].maxBytes) throw new AppError('TOO_LARGE', '文件太大');
    const id = await this.repo.save(data, filename.slice(0, 120), {
      communityId,
      ownerKind: 'system',
      ownerId: owner,
      mime: type.mime,
      kind: type.kind,
      originalName: filename.slice(0, 120),
      residentIds: [],
      public: false,
      attached: true,
    });
    return { id: String(id), url: this.signedUrl(communityId, String(id)), mime: type.mime, size: data.length };
  }

  /**
   * Checks that every id exists in the community and that the principal may attach it, and marks the files attached:
   * every feature calls this right before it stores the ids, so orphan cleanup keeps them from then on.
   */
  async requireAttachable(p: Principal, ids: string[]): Promise<UploadFile[]> {
    const unique = [...new Set(ids)];
    const files = await this.repo.many(p.communityId, unique);
    if (files.length !== unique.length) throw new AppError('VALIDATION', '附件不存在或已失效');
    if (p.kind === 'resident' && files.some((f) => f.metadata.ownerId !== p.id)) throw forbidden('只能使用自己上传的附件');
    // Fewer marked than found: orphan cleanup took one in between.
    if ((await this.repo.markAttached(p.communityId, unique)) !== unique.length) throw new AppError('VALIDATION', '附件不存在或已失效');
    return files;
  }

  /** Deletes uploads never attached to anything within the grace period, and forgets quota days that are over (run by the face's interval). */
  async sweepOrphans(now = Date.now()): Promise<number> {
    const deleted = await this.repo.deleteOrphans(new Date(now - ORPHAN_UPLOAD_GRACE_MS), ORPHAN_SWEEP_MAX);
    await this.quota.pruneBefore(addDays(shanghaiDay(now), -1));
    return deleted;
  }

  share(communityId: string, ids: string[], with_: { residentIds?: string[]; public?: boolean }) {
    return this.repo.share(communityId, ids, with_);
  }

  signedUrl(communityId: string, id: string, now = Date.now()): string {
    const exp = Math.ceil((now + SIGNED_URL_TTL_MS) / URL_EXP_STEP_MS) * URL_EXP_STEP_MS;
    return `/api/uploads/${id}?c=${communityId}&exp=${exp}&sig=${this.sign(communityId, id, exp)}`;
  }

  async attachments(communityId: string, ids: string[]): Promise<AttachmentDto[]> {
    const files = await this.repo.many(communityId, ids);
    const byId = new Map(files.map((f) => [String(f._id), f]));
    return ids
      .map((id) => byId.get(id))
      .filter((f): f is UploadFile => !!f)
      .map((f) => ({ id: String(f._id), url: this.signedUrl(communityId, String(f._id)), mime: f.metadata.mime, size: f.length }));
  }

  private sign(communityId: string, id: string, exp: number): string {
    return crypto.createHmac('sha256', this.secret).update(`${communityId}.${id}.${exp}`).digest('base64url');
  }

  /** A valid signature names the community the file belongs to. */
  validSignature(communityId: string | undefined, id: string, exp: string | undefined, sig: string | undefined): boolean {
    if (!communityId || !exp || !sig || !/^\d{10,16}$/.test(exp)) return false;
    // Past its lifetime, or promising more than one lifetime (a URL signed under an older, longer TTL): refused.
    const now = Date.now();
    if (Number(exp) < now || Number(exp) > now + SIGNED_URL_TTL_MS + URL_EXP_STEP_MS) return false;
    const expected = Buffer.from(this.sign(communityId, id, Number(exp)));
    const given = Buffer.from(sig);
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  }

  /** Opens a file for someone holding a valid signed URL, or a principal allowed to see it. */
  async openFor(
    communityId: string | null,
    p: Principal | null,
    id: string,
    signed: boolean,
  ): Promise<{ file: UploadFile; stream: NodeJS.ReadableStream }> {
    if (!signed && !p) throw new AppError('UNAUTHORIZED', '请先登录');
    const cid = p?.communityId ?? communityId;
    const file = cid ? await this.repo.get(cid, id) : null;
    if (!file) throw notFound('文件');
    if (!signed) {
      if (!p) throw new AppError('UNAUTHORIZED', '请先登录');
      if (p.kind === 'resident') {
        const m = file.metadata;
        if (!(m.public || m.ownerId === p.id || m.residentIds?.includes(p.id))) throw forbidden('无权查看该文件');
      }
    }
    return { file, stream: this.repo.open(file._id) };
  }
}
