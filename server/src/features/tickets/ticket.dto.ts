// Shapes a ticket for its viewer: residents never see internal notes.
import { isOpenTicketStatus, type TicketDto } from '@linli/contracts';
import type { UploadsApi } from '../uploads/upload.service';
import type { TicketDoc } from './ticket.model';
import { householdsOf } from './ticket.links';

export type Viewer = 'staff' | 'resident';

export async function ticketDto(t: TicketDoc, viewer: Viewer, uploads: UploadsApi): Promise<TicketDto> {
  const attachments = t.attachments?.length ? await uploads.attachments(t.communityId, t.attachments) : [];
  return {
    id: String(t._id),
    no: t.no,
    communityId: t.communityId,
    category: t.category,
    title: t.title,
    description: t.description,
    location: t.location?.building ? t.location : undefined,
    attachments,
    audio: t.audio?.uploadId
      ? {
          uploadId: t.audio.uploadId,
          url: uploads.signedUrl(t.communityId, t.audio.uploadId),
          durationMs: t.audio.durationMs,
          transcript: t.audio.transcript,
          status: t.audio.status,
        }
      : undefined,
    channel: t.channel,
    reporter: viewer === 'staff' ? t.reporter : { ...t.reporter, phone: undefined, wechatId: undefined },
    status: t.status,
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeName,
    slaDueAt: t.slaDueAt.toISOString(),
    overdue: isOpenTicketStatus(t.status) && t.slaDueAt.getTime() < Date.now(),
    escalatedAt: t.escalatedAt?.toISOString(),
    resolvedAt: t.resolvedAt?.toISOString(),
    rating: t.rating?.score ? { score: t.rating.score, comment: t.rating.comment } : undefined,
    urgeCount: t.urgeCount ?? 0,
    timeline: (t.timeline ?? [])
      .filter((e) => viewer === 'staff' || !e.internal)
      .map((e) => ({ ...e, at: e.at.toISOString() })),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    ...(t.deviceId ? { deviceId: t.deviceId } : {}),
    ...(t.duplicateOf?.id ? { duplicateOf: { id: t.duplicateOf.id, no: t.duplicateOf.no, by: t.duplicateOf.by } } : {}),
    ...(viewer === 'staff' && t.duplicateSuggestion?.id ? { duplicateSuggestion: { ...t.duplicateSuggestion } } : {}),
    followerCount: t.linked?.length ?? 0,
    households: householdsOf(t),
    priority: t.priority ?? 'normal',
    ...(viewer === 'staff' && t.linked?.length ? { linked: t.linked.map((l) => ({ id: l.id, no: l.no })) } : {}),
    ...(t.revisit?.status
      ? { revisit: { status: t.revisit.status, askedAt: t.revisit.askedAt?.toISOString(), answeredAt: t.revisit.answeredAt?.toISOString(), solved: t.revisit.solved } }
      : {}),
    ...(viewer === 'staff' && t.triage?.category ? { triage: triageDto(t.triage) } : {}),
    ...(t.signDueAt ? { signDueAt: t.signDueAt.toISOString() } : {}),
    ...(t.signedAt ? { signedAt: t.signedAt.toISOString() } : {}),
    ...(t.extension && (viewer === 'staff' || t.extension.status === 'approved')
      ? {
          extension: {
            ...t.extension,
            requestedAt: t.extension.requestedAt.toISOString(),
            decidedAt: t.extension.decidedAt?.toISOString(),
            ...(viewer === 'staff' ? {} : { requestedBy: '工作人员', decidedBy: undefined }),
          },
        }
      : {}),
  };
}

/** Stored subdocuments come back with empty parts (no unit, no place): the DTO carries only what is there. */
function triageDto(s: NonNullable<TicketDoc['triage']>): NonNullable<TicketDto['triage']> {
  return {
    category: s.category,
    confidence: s.confidence,
    categorySource: s.categorySource,
    urgent: !!s.urgent,
    ...(s.location?.building ? { location: { building: s.location.building, ...(s.location.unit ? { unit: s.location.unit } : {}) } } : {}),
    ...(s.accepted ? { accepted: true } : {}),
  };
}
