// Shapes a notice for its viewer: residents get the content and their read state; staff also get targeting and counts.
import type { DeliveryOutcomeDto, NoticeDto } from '@linli/contracts';
import type { UploadsApi } from '../uploads/upload.service';
import { renderNoticeMarkdown } from './notice.markdown';
import type { DeliveryOutcome, NoticeDoc } from './notice.model';

const iso = (d?: Date) => (d ? new Date(d).toISOString() : undefined);

export async function noticeDto(
  n: NoticeDoc,
  view: 'staff' | 'resident',
  uploads: UploadsApi,
  extra: { readAt?: Date } = {},
): Promise<NoticeDto> {
  const dto: NoticeDto = {
    id: String(n._id),
    communityId: n.communityId,
    title: n.title,
    body: n.body,
    // Inline images only from the notice's own attachments, with fresh signed URLs.
    bodyHtml: renderNoticeMarkdown(n.body, (id) => (n.attachments?.includes(id) ? uploads.signedUrl(n.communityId, id) : null)),
    category: n.category,
    pinned: !!n.pinned,
    status: n.status,
    attachments: n.attachments?.length ? await uploads.attachments(n.communityId, n.attachments) : [],
    createdAt: iso(n.createdAt)!,
    updatedAt: iso(n.updatedAt)!,
  };
  if (n.publishAt) dto.publishAt = iso(n.publishAt);
  if (n.publishedAt) dto.publishedAt = iso(n.publishedAt);
  if (n.expiresAt) dto.expiresAt = iso(n.expiresAt);
  if (view === 'resident') {
    if (extra.readAt) dto.readAt = iso(extra.readAt);
    return dto;
  }
  return {
    ...dto,
    audience: n.audience,
    channels: n.channels,
    createdBy: n.createdBy,
    ...(n.recipientCount !== undefined ? { recipientCount: n.recipientCount } : {}),
    readCount: n.readCount ?? 0,
    ...(n.doorKnock
      ? { doorKnock: { afterMinutes: n.doorKnock.afterMinutes, ...(n.doorKnock.dueAt ? { dueAt: iso(n.doorKnock.dueAt) } : {}), ...(n.doorKnock.openedAt ? { openedAt: iso(n.doorKnock.openedAt) } : {}) } }
      : {}),
  };
}

export function outcomeDto(o: DeliveryOutcome): DeliveryOutcomeDto {
  return { status: o.status, attempts: o.attempts, ...(o.at ? { at: iso(o.at) } : {}), ...(o.reason ? { reason: o.reason } : {}) };
}
