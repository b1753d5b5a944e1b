// 首页: notices unread first with the unread count on the tab; the elder-friendly home keeps only report and notices.
import { render, screen } from '@testing-library/react';
import { act } from 'react';
import { taro } from '../../../test/taro-mock';
import { elderChoice, setElderMode } from '../../store/elder';
import { saveSession } from '../../store/session';
import HomePage from './index';

jest.mock('@tarojs/taro', () => require('../../../test/taro-mock').taro);

const notice = (id: string, o: object) => ({ id, title: id, category: '通知', pinned: false, attachments: [], createdAt: '2026-11-20T00:00:00Z', publishedAt: '2026-11-20T00:00:00Z', ...o });

beforeEach(() => {
  taro.storage.clear();
  elderChoice.set(null);
  saveSession({ token: 'tok', resident: { id: 'r', name: '刘芳', tags: [] } as any });
  taro.onRequest = (o: any) =>
    o.url.startsWith('/api/notices')
      ? {
          statusCode: 200,
          data: {
            items: [notice('旧通知（已读）', { readAt: '2026-11-21T00:00:00Z', publishedAt: '2026-11-22T00:00:00Z' }), notice('停水通知', { category: '停水停电', pinned: true })],
            nextCursor: null,
            unreadCount: 1,
          },
        }
      : { statusCode: 200, data: {
          items: [
            { id: 'a1', audience: 'public', severity: 'high', status: 'raised', typeLabel: '烟雾报警', title: '3号楼楼道烟雾报警' },
            // A full bin is public but low: no red banner on every resident's home.
            { id: 'a2', audience: 'public', severity: 'low', status: 'raised', typeLabel: '垃圾满溢', title: '北门垃圾桶已满' },
          ],
        } };
});

test('unread notices come first, the alert banner shows, and the 首页 tab carries the unread count', async () => {
  render(<HomePage />);
  await screen.findByText('停水通知');
  const titles = screen.getAllByTestId('notice-title').map((e) => e.textContent);
  expect(titles).toEqual(['停水通知', '旧通知（已读）']);
  expect(screen.getByTestId('alert-banner').textContent).toContain('3号楼楼道烟雾报警');
  expect(screen.getByTestId('alert-banner').textContent).not.toContain('垃圾桶');
  expect(screen.getByTestId('shortcut-report')).toBeTruthy();
  expect(taro.setTabBarBadge).toHaveBeenCalledWith({ index: 0, text: '1' });
});

test('elder-friendly home: one big report button and the notices, no shortcut grid', async () => {
  render(<HomePage />);
  act(() => setElderMode(true));
  await screen.findByText('停水通知');
  expect(screen.getByTestId('elder-report')).toBeTruthy();
  expect(screen.queryByTestId('shortcut-ledger')).toBeNull();
  expect(screen.getByTestId('home-page').className).toContain('elder');
});
