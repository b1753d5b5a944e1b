// Shapes posts for their viewer: residents get masked names and no moderation internals; staff see everything.
import type { AttachmentDto, PostDto, ReplyDto } from '@linli/contracts';
import type { UploadsApi } from '../uploads/upload.service';
import type { BoardActor, PostDoc, ReplyDoc } from './board.model';

/** Staff, a resident (by id), or a read-only viewer such as the bot or the residents' room at large. */
export type BoardViewer = { kind: 'staff' } | { kind: 'resident'; id: string } | { kind: 'public' };

export const LIST_REPLIES = 3;

/** 刘芳 → 刘*, 欧阳娜娜 → 欧**: enough for neighbours to recognise a post, not to identify a stranger. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('') || '居民';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 2));
}

function showActor(a: BoardActor, viewer: BoardViewer, isSelf: boolean) {
  if (a.kind === 'staff') return { kind: a.kind, name: a.name };
  const name = viewer.kind === 'staff' || isSelf ? a.name : maskName(a.name);
  return { kind: a.kind, name, ...(a.building ? { building: a.building } : {}) };
}

const ownsPost = (p: PostDoc, v: BoardViewer) => v.kind === 'resident' && !!p.residentId && p.residentId === v.id;
const ownsReply = (r: ReplyDoc, v: BoardViewer) => v.kind === 'resident' && r.author.kind === 'resident' && r.author.id === v.id;

export function replyVisible(r: ReplyDoc, v: BoardViewer): boolean {
  return v.kind === 'staff' || r.status === 'visible' || ownsReply(r, v);
}

export function replyDto(r: ReplyDoc, v: BoardViewer): ReplyDto {
  const mine = ownsReply(r, v);
  return {
    id: String(r._id),
    text: r.text,
    author: showActor(r.author, v, mine),
    official: r.official,
    status: r.status,
    mine,
    ...(v.kind === 'staff' && r.hidden ? { hidden: { reason: r.hidden.reason, by: r.hidden.byName, at: r.hidden.at.toISOString() } } : {}),
    ...(mine && r.hidden ? { hidden: { reason: r.hidden.reason, by: '社区', at: r.hidden.at.toISOString() } } : {}),
    ...(v.kind === 'staff' && r.heldWords?.length ? { heldWords: r.heldWords } : {}),
    createdAt: r.createdAt.toISOString(),
  };
}

export function postDto(p: PostDoc, v: BoardViewer, photos: AttachmentDto[], opts: { allReplies: boolean }): PostDto {
  const mine = ownsPost(p, v);
  const staff = v.kind === 'staff';
  const replies = (p.replies ?? []).filter((r) => replyVisible(r, v));
  const shown = opts.allReplies ? replies : replies.slice(-LIST_REPLIES);
  return {
    id: String(p._id),
    communityId: p.communityId,
    category: p.category,
    text: p.text,
    photos,
    author: { ...showActor(p.author, v, mine), ...(staff && p.residentId ? { residentId: p.residentId } : {}) },
    channel: p.channel,
    ...(staff && p.registeredBy ? { registeredBy: p.registeredBy } : {}),
    mine,
    status: p.status,
    ...(staff && p.heldWords?.length ? { heldWords: p.heldWords } : {}),
    ...((staff || mine) && p.hidden
      ? { hidden: { reason: p.hidden.reason, by: staff ? p.hidden.byName : '社区', at: p.hidden.at.toISOString() } }
      : {}),
    ...(p.ticket ? { ticket: p.ticket } : {}),
    ...(staff
      ? { log: (p.log ?? []).map((e) => ({ action: e.action, reason: e.reason, replyId: e.replyId, by: e.byName, at: e.at.toISOString() })) }
      : {}),
    replies: shown.map((r) => replyDto(r, v)),
    replyCount: (p.replies ?? []).filter((r) => r.status === 'visible').length,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Shapes many posts with one query for all their photos. */
export async function postDtos(posts: PostDoc[], v: BoardViewer, uploads: UploadsApi, opts = { allReplies: false }): Promise<PostDto[]> {
  if (!posts.length) return [];
  const ids = [...new Set(posts.flatMap((p) => p.photos ?? []))];
  const byId = new Map((await uploads.attachments(posts[0]!.communityId, ids)).map((a) => [a.id, a]));
  return posts.map((p) => postDto(p, v, (p.photos ?? []).map((id) => byId.get(id)).filter((a): a is AttachmentDto => !!a), opts));
}

export async function onePostDto(post: PostDoc, v: BoardViewer, uploads: UploadsApi): Promise<PostDto> {
  return (await postDtos([post], v, uploads, { allReplies: true }))[0]!;
}
