// Upload rules: type by magic bytes, size per kind, who may fetch, and short-lived signed URLs for <img>/<audio>.
import crypto from 'node:crypto';
import type { Connection } from 'mongoose';
import { UPLOAD_LIMITS, type AttachmentDto, type Principal, type UploadDto } from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import { sniff } from './sniff';
import { UploadRepository, type UploadFile } from './upload.repository';

// Other features name stored files by this type, imported from here: the repository stays private to this feature.
export type { UploadFile } from './upload.repository';

const URL_TTL_MS = 6 * 3600 * 1000;

/** What other features may do with uploads: check and share attachments, and give out signed URLs. */
export type UploadsApi = Pick<UploadService, 'requireAttachable' | 'share' | 'signedUrl' | 'attachments'>;

export class UploadService {
  private readonly repo: UploadRepository;
  constructor(
    conn: Connection,
    private readonly secret: string,
  ) {
    this.repo = new UploadRepository(conn);
  }

  async save(p: Principal, data: Buffer, filename: string, declaredMime: string): Promise<UploadDto> {
    const type = sniff(data, declaredMime);
    if (!type) throw new AppError('VALIDATION', '不支持的文件类型，请上传图片、语音或文档');
    const limit = UPLOAD_LIMITS[type.kind];
    if (!(limit.mimes as readonly string[]).includes(type.mime)) throw new AppError('VALIDATION', '不支持的文件类型');
    if (data.length > limit.maxBytes)
      throw new AppError('TOO_LARGE', `文件太大，最大 ${Math.round(limit.maxBytes / 1024 / 1024)} MB`);
    if (data.length === 0) throw new AppError('VALIDATION', '文件为空');
    const id = await this.repo.save(data, filename.slice(0, 120), {
      communityId: p.communityId,
      ownerKind: p.kind,
      ownerId: p.id,
      mime: type.mime,
      kind: type.kind,
      originalName: filename.slice(0, 120),
      residentIds: [],
      public: false,
    });
    return { id: String(id), url: this.signedUrl(p.communityId, String(id)), mime: type.mime, size: data.length };
  }

  /** Checks that every id exists in the community and that the principal may attach it. */
  async requireAttachable(p: Principal, ids: string[]): Promise<UploadFile[]> {
    const unique = [...new Set(ids)];
    const files = await this.repo.many(p.communityId, unique);
    if (files.length !== unique.length) throw new AppError('VALIDATION', '附件不存在或已失效');
    if (p.kind === 'resident' && files.some((f) => f.metadata.ownerId !== p.id)) throw forbidden('只能使用自己上传的附件');
    return files;
  }

  share(communityId: string, ids: string[], with_: { residentIds?: string[]; public?: boolean }) {
    return this.repo.share(communityId, ids, with_);
  }

  signedUrl(communityId: string, id: string, now = Date.now()): string {
    // Expiry rounded up to the hour so the same file keeps the same URL for a while (browser cache).
    const exp = Math.ceil((now + URL_TTL_MS) / 3_600_000) * 3_600_000;
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
    if (!communityId || !exp || !sig || !/^\d{10,16}$/.test(exp) || Number(exp) < Date.now()) return false;
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
