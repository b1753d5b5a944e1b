// Typed calls to the message board (see contracts/src/board.ts).
import type { Page, PostDto, PostStatus, ReplyDto, TicketCategory } from '@linli/contracts';
import { api, get, post, qs } from './http';

export const boardApi = {
  list: (f: { status?: PostStatus; category?: string; cursor?: string; limit?: number }) => get<Page<PostDto>>(`/api/posts${qs({ ...f })}`),
  get: (id: string) => get<PostDto>(`/api/posts/${id}`),
  reply: (id: string, text: string) => post<ReplyDto>(`/api/posts/${id}/replies`, { text }),
  hide: (id: string, reason: string) => post<PostDto>(`/api/posts/${id}/hide`, { reason }),
  restore: (id: string) => post<PostDto>(`/api/posts/${id}/restore`),
  approve: (id: string) => post<PostDto>(`/api/posts/${id}/approve`),
  hideReply: (id: string, replyId: string, reason: string) => post<PostDto>(`/api/posts/${id}/replies/${replyId}/hide`, { reason }),
  restoreReply: (id: string, replyId: string) => post<PostDto>(`/api/posts/${id}/replies/${replyId}/restore`),
  approveReply: (id: string, replyId: string) => post<PostDto>(`/api/posts/${id}/replies/${replyId}/approve`),
  toTicket: (id: string, category: TicketCategory, title?: string) => post<PostDto>(`/api/posts/${id}/ticket`, { category, title }),
};

/** A published post no staff member has answered yet. */
export function awaitingReply(p: PostDto): boolean {
  return p.status === 'published' && p.author.kind === 'resident' && !p.ticket && !p.replies.some((r) => r.official);
}

export const sensitiveWordsApi = {
  get: () => get<{ words: string[] }>('/api/board/sensitive-words'),
  put: (words: string[]) => api<{ words: string[] }>('PUT', '/api/board/sensitive-words', { words }),
};
