// Share cards: the title names the notice or round, and the path opens that page (ids encoded).
import { noticeShare, wishlistShare, wishRoundShare } from './share';

test('a notice card carries its category and title and opens that notice', () => {
  expect(noticeShare('n1', { title: '2号楼明天停水', category: '停水停电' })).toEqual({ title: '【停水停电】2号楼明天停水', path: '/pages/notice/index?id=n1' });
  expect(noticeShare('a&b', null)).toEqual({ title: '北门社区通知', path: '/pages/notice/index?id=a%26b' });
});

test('an open wish-list round asks households to vote; a closed one does not', () => {
  expect(wishRoundShare('r1', { title: '第二批', phase: 'open' }).title).toBe('心愿清单：第二批，每户一票，快来选');
  expect(wishRoundShare('r1', { title: '第一批', phase: 'closed' } as any)).toEqual({ title: '心愿清单：第一批', path: '/pages/wish-round/index?id=r1' });
  expect(wishlistShare.path).toBe('/pages/wishlist/index');
});
