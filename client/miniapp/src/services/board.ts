// Message board API calls and how live events change a loaded list.
import type { Page, PostCategory, PostDto, PostRepliedEvent, ReplyDto } from '@linli/contracts';
import { api, assertOnline, uploadFile } from './api';

export const listPosts = (category: PostCategory | null, cursor?: string | null) => {
  const q = [`limit=20`, category ? `category=${encodeURIComponent(category)}` : '', cursor ? `cursor=${encodeURIComponent(cursor)}` : ''].filter(Boolean);
  return api.get<Page<PostDto>>(`/posts?${q.join('&')}`);
};

export const getPost = (id: string) => api.get<PostDto>(`/posts/${id}`);

export const replyToPost = (id: string, text: string) => api.post<ReplyDto>(`/posts/${id}/replies`, { text });

/** Uploads the photos, then creates the post; a failure leaves the caller's draft untouched. */
export async function createPost(category: PostCategory, text: string, photoPaths: string[]): Promise<PostDto> {
  await assertOnline();
  const photos: string[] = [];
  for (const p of photoPaths) photos.push((await uploadFile(p, 'photo.jpg')).id);
  return api.post<PostDto>('/posts', { category, text, photos });
}

export function applyPost(items: PostDto[], post: PostDto, category: PostCategory | null): PostDto[] {
  const fits = post.status === 'published' || post.mine;
  const rest = items.filter((p) => p.id !== post.id);
  if (!fits || (category && post.category !== category)) return rest;
  return items.some((p) => p.id === post.id) ? items.map((p) => (p.id === post.id ? post : p)) : [post, ...rest];
}

export function applyReply(items: PostDto[], e: PostRepliedEvent): PostDto[] {
  return items.map((p) =>
    p.id === e.postId && !p.replies.some((r) => r.id === e.reply.id) ? { ...p, replies: [...p.replies, e.reply], replyCount: e.replyCount } : p,
  );
}
