// How live events and ordering rules change loaded lists (notices, board posts, public alerts) and reporter actions.
import type { AlertDto, NoticeDto, PostDto } from '@linli/contracts';
import { applyPost, applyReply } from './board';
import { applyAlert, orderNotices, upsertNotice } from './notices';
import { canRate, canUrge, reporterActions } from './ticket-actions';

jest.mock('@tarojs/taro', () => require('../../test/taro-mock').taro);

const n = (id: string, o: Partial<NoticeDto>) => ({ id, title: id, pinned: false, createdAt: '2026-11-01T00:00:00Z', publishedAt: '2026-11-01T00:00:00Z', ...o }) as NoticeDto;

test('notices: unread first, then pinned, then newest', () => {
  const list = orderNotices([
    n('old-read', { readAt: '2026-11-02T00:00:00Z' }),
    n('pinned-read', { pinned: true, readAt: '2026-11-02T00:00:00Z' }),
    n('new-unread', { publishedAt: '2026-11-20T00:00:00Z' }),
    n('pinned-unread', { pinned: true }),
  ]);
  expect(list.map((x) => x.id)).toEqual(['pinned-unread', 'new-unread', 'pinned-read', 'old-read']);
  expect(upsertNotice(list, n('new-unread', { title: 'changed', publishedAt: '2026-11-20T00:00:00Z' })).filter((x) => x.id === 'new-unread')).toHaveLength(1);
});

const post = (id: string, o: Partial<PostDto> = {}) => ({ id, category: '建议', status: 'published', mine: false, replies: [], replyCount: 0, ...o }) as PostDto;

test('board: live posts respect the chosen category, held posts show only to their author, replies are not doubled', () => {
  expect(applyPost([post('a')], post('b', { category: '求助' }), '建议').map((p) => p.id)).toEqual(['a']);
  expect(applyPost([post('a')], post('b'), null).map((p) => p.id)).toEqual(['b', 'a']);
  expect(applyPost([post('a')], post('h', { status: 'held' }), null).map((p) => p.id)).toEqual(['a']);
  expect(applyPost([post('a')], post('h', { status: 'held', mine: true }), null).map((p) => p.id)).toEqual(['h', 'a']);
  expect(applyPost([post('a'), post('b')], post('b', { status: 'hidden' }), null).map((p) => p.id)).toEqual(['a']);
  const reply = { id: 'r1', text: '收到', official: true } as PostDto['replies'][number];
  const once = applyReply([post('a')], { postId: 'a', reply, replyCount: 1 });
  expect(applyReply(once, { postId: 'a', reply, replyCount: 1 })[0]!.replies).toHaveLength(1);
});

test('alerts: only open public alerts of high or critical severity stay in the banner', () => {
  const a = { id: 'x', audience: 'public', severity: 'high', status: 'raised' } as AlertDto;
  expect(applyAlert([], a)).toHaveLength(1);
  expect(applyAlert([], { ...a, severity: 'critical' })).toHaveLength(1);
  expect(applyAlert([a], { ...a, status: 'resolved' })).toHaveLength(0);
  expect(applyAlert([], { ...a, audience: 'personal' } as AlertDto)).toHaveLength(0);
  // A full trash bin (low) or a medium one is for staff, not a red banner on every home; one that drops to low leaves it.
  expect(applyAlert([], { ...a, severity: 'low' })).toHaveLength(0);
  expect(applyAlert([], { ...a, severity: 'medium' })).toHaveLength(0);
  expect(applyAlert([a], { ...a, severity: 'low' })).toHaveLength(0);
});

test('reporter actions follow the shared transition table', () => {
  expect(reporterActions({ status: 'submitted' })).toEqual(['cancel']);
  expect(reporterActions({ status: 'in_progress' })).toEqual([]);
  const now = Date.parse('2026-11-24T00:00:00Z');
  expect(reporterActions({ status: 'resolved', resolvedAt: '2026-11-20T00:00:00Z' }, now).sort()).toEqual(['close', 'reopen']);
  expect(reporterActions({ status: 'closed', resolvedAt: '2026-11-10T00:00:00Z' }, now)).toEqual([]);
  expect(canUrge({ status: 'in_progress' })).toBe(true);
  expect(canUrge({ status: 'resolved' })).toBe(false);
  expect(canRate({ status: 'closed' })).toBe(true);
  expect(canRate({ status: 'closed', rating: { score: 3 } })).toBe(false);
});
