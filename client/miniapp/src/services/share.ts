// What a shared card says in WeChat (转发给朋友/群): a notice or the wish list, opening that very page.
import type { NoticeDto, WishRoundDto } from '@linli/contracts';

export interface ShareCard {
  title: string;
  path: string;
}

/** Where a shared card lands when the page has not loaded yet: still the right page. */
export function noticeShare(id: string, notice: Pick<NoticeDto, 'title' | 'category'> | null): ShareCard {
  return { title: notice ? `【${notice.category}】${notice.title}` : '北门社区通知', path: `/pages/notice/index?id=${encodeURIComponent(id)}` };
}

export function wishRoundShare(id: string, round: Pick<WishRoundDto, 'title' | 'phase'> | null): ShareCard {
  const ask = round?.phase === 'open' ? '，每户一票，快来选' : '';
  return { title: round ? `心愿清单：${round.title}${ask}` : '北门社区心愿清单', path: `/pages/wish-round/index?id=${encodeURIComponent(id)}` };
}

export const wishlistShare: ShareCard = { title: '北门社区心愿清单：大家的钱办大家想办的事', path: '/pages/wishlist/index' };
