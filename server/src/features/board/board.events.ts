// The events the board feature emits, merged into the domain event map.
import type { PostDoc } from './board.model';

export interface BoardEvents {
  /** A board post was created (published, or held for review). */
  'post.created': { post: PostDoc };
  'post.replied': { post: PostDoc; replyId: string };
  /** Moderation or a ticket link changed a post; `before` is its status before the change. */
  'post.updated': { post: PostDoc; change: string; before: PostDoc['status'] };
}
