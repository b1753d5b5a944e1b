// 工单详情: only the reporter's legal actions are offered; a refused action (409) is explained in Chinese; rating is sent.
import { fireEvent, render, screen } from '@testing-library/react';
import { taro } from '../../../test/taro-mock';
import { saveSession } from '../../store/session';
import TicketPage from './index';

jest.mock('@tarojs/taro', () => require('../../../test/taro-mock').taro);

const base = {
  id: 'a'.repeat(24),
  no: 'BM-000007',
  communityId: 'beimen',
  category: '电梯',
  title: '',
  description: '电梯停在 3 楼',
  location: { building: '3号楼' },
  attachments: [],
  channel: 'app',
  reporter: { name: '刘芳' },
  slaDueAt: '2026-11-24T12:00:00Z',
  overdue: false,
  urgeCount: 0,
  createdAt: '2026-11-24T08:00:00Z',
  updatedAt: '2026-11-24T08:00:00Z',
  timeline: [
    { kind: 'created', at: '2026-11-24T08:00:00Z', actor: { kind: 'resident', name: '刘芳' } },
    { kind: 'comment', at: '2026-11-24T08:05:00Z', actor: { kind: 'staff', name: '张丽' }, note: '内部：需要联系维保公司', internal: true },
  ],
};

function serve(ticket: object, onPost?: (o: any) => any) {
  taro.onRequest = (o: any) => (o.method === 'GET' ? { statusCode: 200, data: ticket } : onPost!(o));
}

beforeEach(() => {
  taro.requests.length = 0;
  taro.routerParams = { id: base.id };
  saveSession({ token: 'tok', resident: null });
});

test('a submitted ticket offers 催单 and cancel, shows the timeline without internal notes', async () => {
  serve({ ...base, status: 'submitted' });
  render(<TicketPage />);
  await screen.findByText('BM-000007');
  expect(screen.getByTestId('ticket-status').textContent).toBe('待受理');
  expect(screen.getByTestId('urge')).toBeTruthy();
  expect(screen.getByTestId('action-cancel')).toBeTruthy();
  expect(screen.queryByTestId('action-reopen')).toBeNull();
  expect(screen.queryByTestId('rating-form')).toBeNull();
  expect(screen.getByTestId('timeline').textContent).toContain('已提交');
  expect(screen.getByTestId('timeline').textContent).not.toContain('内部');
});

test('a refused action shows the server reason and keeps the page', async () => {
  serve({ ...base, status: 'accepted' }, () => ({ statusCode: 409, data: { error: { code: 'CONFLICT', message: '工单当前状态为「处理中」，不能撤销' } } }));
  render(<TicketPage />);
  fireEvent.click(await screen.findByTestId('action-cancel'));
  // Asked on the page first (no pop-up); 再想想 sends nothing.
  await screen.findByTestId('cancel-confirm');
  fireEvent.click(screen.getByTestId('cancel-confirm-no'));
  expect(taro.requests.filter((r: any) => r.method === 'POST')).toHaveLength(0);
  fireEvent.click(await screen.findByTestId('action-cancel'));
  fireEvent.click(await screen.findByTestId('cancel-confirm-yes'));
  await screen.findByText('工单当前状态为「处理中」，不能撤销');
  expect(taro.showModal).not.toHaveBeenCalled();
  expect(taro.requests.at(-1)).toMatchObject({ method: 'POST', data: { action: 'cancel' } });
  expect(screen.getByText('BM-000007')).toBeTruthy();
});

test('a resolved ticket can be closed, reopened within 7 days, and rated', async () => {
  const resolvedAt = new Date(Date.now() - 3600_000).toISOString();
  serve({ ...base, status: 'resolved', resolvedAt }, (o: any) => ({ statusCode: 200, data: { ...base, status: 'resolved', resolvedAt, rating: { score: o.data.score, comment: o.data.comment } } }));
  render(<TicketPage />);
  await screen.findByTestId('rating-form');
  expect(screen.queryByTestId('urge')).toBeNull();
  expect(screen.getByTestId('action-close')).toBeTruthy();
  expect(screen.getByTestId('action-reopen')).toBeTruthy();
  fireEvent.click(screen.getByTestId('star-4'));
  fireEvent.click(screen.getByTestId('rating-submit'));
  await screen.findByTestId('rating-done');
  expect(taro.requests.at(-1)).toMatchObject({ url: `/api/tickets/${base.id}/rating`, data: { score: 4 } });
});

test('reopen is not offered once the 7-day window has passed', async () => {
  serve({ ...base, status: 'closed', resolvedAt: new Date(Date.now() - 8 * 86400_000).toISOString(), rating: { score: 5 } });
  render(<TicketPage />);
  await screen.findByText('BM-000007');
  expect(screen.queryByTestId('action-reopen')).toBeNull();
  expect(screen.queryByTestId('rating-form')).toBeNull();
});

describe('回访', () => {
  const resolved = { ...base, status: 'resolved', resolvedAt: '2026-11-24T10:00:00Z', revisit: { status: 'asked', askedAt: '2026-11-25T10:00:00Z' } };

  test('asked the day after: she answers 解决了 with stars, which goes to the revisit endpoint', async () => {
    const posts: any[] = [];
    serve(resolved, (o) => {
      posts.push(o);
      return { statusCode: 200, data: { ...resolved, revisit: { status: 'done', solved: true }, rating: { score: 4 } } };
    });
    render(<TicketPage />);
    await screen.findByText('社区回访：您反映的问题解决了吗？');
    expect(screen.getAllByTestId('rating-form')).toHaveLength(1); // not a second, plain rating form
    fireEvent.click(screen.getByTestId('star-4'));
    fireEvent.click(screen.getByTestId('rating-submit'));
    await screen.findByText('感谢您的回访评价');
    expect(posts.map((p) => [p.url.replace(/^.*\/api/, ''), p.data])).toEqual([[`/tickets/${base.id}/revisit`, { solved: true, score: 4 }]]);
    expect(screen.queryByTestId('revisit')).toBeNull();
  });

  test('没解决 reopens it', async () => {
    const posts: any[] = [];
    serve(resolved, (o) => {
      posts.push(o);
      return { statusCode: 200, data: { ...resolved, status: 'accepted', priority: 'high', revisit: { status: 'done', solved: false } } };
    });
    render(<TicketPage />);
    fireEvent.click(await screen.findByTestId('revisit-unsolved'));
    await screen.findByText('已重新打开，社区负责人会督办');
    expect(posts[0].data).toEqual({ solved: false });
  });
});
