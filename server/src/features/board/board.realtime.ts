// Pushes board changes to Socket.io: staff see everything; residents see published posts and visible replies; each owner sees their own.
import { on, type Subscription } from '../../core/feature';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import type { DomainEvents } from '../events';
import type { UploadsApi } from '../uploads/upload.service';
import { onePostDto, replyDto, type BoardViewer } from './board.dto';
import type { PostDoc } from './board.model';

const STAFF: BoardViewer = { kind: 'staff' };
const PUBLIC: BoardViewer = { kind: 'public' };

export function boardSockets(io: Io, uploads: UploadsApi): Subscription<DomainEvents>[] {
  /** The residents' room at large gets the neutral view; the post's own resident gets `mine: true`. */
  const toResidents = async (post: PostDoc, send: (room: string | string[], view: BoardViewer, except?: string) => Promise<void> | void) => {
    const cid = post.communityId;
    if (post.residentId) {
      await send(rooms.residents(cid), PUBLIC, rooms.resident(cid, post.residentId));
      await send(rooms.resident(cid, post.residentId), { kind: 'resident', id: post.residentId });
    } else {
      await send(rooms.residents(cid), PUBLIC);
    }
  };

  const created = on<DomainEvents, 'post.created'>('post.created', async ({ post }) => {
    io.to(rooms.staff(post.communityId)).emit('post:created', await onePostDto(post, STAFF, uploads));
    // Held posts are for staff only until approved.
    if (post.status !== 'published') return;
    await toResidents(post, async (room, view, except) => {
      const dto = await onePostDto(post, view, uploads);
      (except ? io.to(room).except(except) : io.to(room)).emit('post:created', dto);
    });
  });

  const replied = on<DomainEvents, 'post.replied'>('post.replied', ({ post, replyId }) => {
    const reply = post.replies.find((r) => String(r._id) === replyId);
    if (!reply) return;
    const cid = post.communityId;
    const replyCount = post.replies.filter((r) => r.status === 'visible').length;
    const postId = String(post._id);
    io.to(rooms.staff(cid)).emit('post:replied', { postId, reply: replyDto(reply, STAFF), replyCount });
    if (post.status !== 'published' || reply.status !== 'visible') return;
    const author = reply.author.kind === 'resident' ? reply.author.id : undefined;
    const everyone = io.to(rooms.residents(cid));
    (author ? everyone.except(rooms.resident(cid, author)) : everyone).emit('post:replied', { postId, reply: replyDto(reply, PUBLIC), replyCount });
    if (author) io.to(rooms.resident(cid, author)).emit('post:replied', { postId, reply: replyDto(reply, { kind: 'resident', id: author }), replyCount });
  });

  const updated = on<DomainEvents, 'post.updated'>('post.updated', async ({ post, before }) => {
    io.to(rooms.staff(post.communityId)).emit('post:updated', await onePostDto(post, STAFF, uploads));
    const wasVisible = before === 'published';
    const isVisible = post.status === 'published';
    if (!wasVisible && !isVisible) {
      // Still invisible to the community; only its owner follows the change.
      if (post.residentId) {
        const dto = await onePostDto(post, { kind: 'resident', id: post.residentId }, uploads);
        io.to(rooms.resident(post.communityId, post.residentId)).emit('post:updated', dto);
      }
      return;
    }
    if (wasVisible && !isVisible) {
      const id = String(post._id);
      const cid = post.communityId;
      if (!post.residentId) return void io.to(rooms.residents(cid)).emit('post:removed', { id });
      // The owner keeps seeing their post, with the reason it was hidden.
      io.to(rooms.residents(cid)).except(rooms.resident(cid, post.residentId)).emit('post:removed', { id });
      const dto = await onePostDto(post, { kind: 'resident', id: post.residentId }, uploads);
      io.to(rooms.resident(cid, post.residentId)).emit('post:updated', dto);
      return;
    }
    // Newly visible (approved, restored) reads as a new post; otherwise it is an update.
    const event = wasVisible ? 'post:updated' : 'post:created';
    await toResidents(post, async (room, view, except) => {
      const dto = await onePostDto(post, view, uploads);
      (except ? io.to(room).except(except) : io.to(room)).emit(event, dto);
    });
  });

  return [created, replied, updated];
}
