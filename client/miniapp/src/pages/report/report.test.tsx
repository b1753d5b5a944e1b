// 报事 page: validation, a failed submit keeps the draft and shows a Chinese message, a retry reuses uploads and the idempotency key.
import { fireEvent, render, screen } from '@testing-library/react';
import { typeInto } from '../../../test/events';
import { taro } from '../../../test/taro-mock';
import { saveSession } from '../../store/session';
import ReportPage from './index';

jest.mock('@tarojs/taro', () => require('../../../test/taro-mock').taro);

const resident = { id: 'r1', communityId: 'beimen', householdId: 'h1', name: '刘芳', birthYear: 1990, building: '3号楼', unit: '1单元', room: '402', tags: [], channels: [] };
const ticket = { id: 't1', no: 'BM-000042', status: 'submitted', timeline: [], attachments: [] };

const type = (testId: string, value: string) => typeInto(screen.getByTestId(testId), value);
const valueOf = (testId: string) => (screen.getByTestId(testId) as unknown as { value: string }).value;

beforeEach(() => {
  taro.storage.clear();
  taro.requests.length = 0;
  (taro.uploadFile as jest.Mock).mockClear();
  saveSession({ token: 'tok', resident: resident as any });
});

test('the location defaults to the resident home and a missing category is explained', async () => {
  render(<ReportPage />);
  expect(valueOf('loc-building')).toBe('3号楼');
  expect(valueOf('loc-room')).toBe('402');
  fireEvent.click(screen.getByTestId('submit-report'));
  await screen.findByText('请选择问题类别');
  expect(taro.requests).toHaveLength(0);
});

test('a failed submit keeps what was typed; the retry reuses the uploaded photo and the same idempotency key', async () => {
  let fail = true;
  taro.onRequest = (o: any) =>
    fail ? { statusCode: 500, data: { error: { code: 'INTERNAL', message: 'mongo exploded at line 3' } } } : { statusCode: 201, data: { ...ticket, category: o.data.category } };
  render(<ReportPage />);
  fireEvent.click(screen.getByTestId('category-水电'));
  type('description', '楼道水管漏水');
  fireEvent.click(screen.getByTestId('add-photo'));
  await screen.findByTestId('photo-preview');
  fireEvent.click(screen.getByTestId('submit-report'));

  // 5xx internals are never shown; a plain Chinese sentence is.
  await screen.findByText('服务器开小差了，请稍后再试');
  expect(screen.queryByText(/mongo/)).toBeNull();
  expect(screen.getByTestId('photo-preview')).toBeTruthy();
  expect(valueOf('description')).toBe('楼道水管漏水');
  const posts = () => taro.requests.filter((r: any) => r.method === 'POST');
  const first = posts()[0];
  expect(first.data).toMatchObject({ category: '水电', description: '楼道水管漏水', channel: 'app', attachments: ['a'.repeat(24)], location: { building: '3号楼', unit: '1单元', room: '402' } });

  fail = false;
  fireEvent.click(screen.getByTestId('submit-report'));
  await screen.findByTestId('report-done');
  expect(screen.getByTestId('report-done').textContent).toContain('BM-000042');
  expect(taro.uploadFile).toHaveBeenCalledTimes(1);
  expect(posts()[1].header['Idempotency-Key']).toBe(first.header['Idempotency-Key']);
  expect(posts()[1].header.Authorization).toBe('Bearer tok');
});

test('offline submit is refused with a clear message and nothing is sent', async () => {
  (taro.getNetworkType as jest.Mock).mockResolvedValueOnce({ networkType: 'none' });
  render(<ReportPage />);
  fireEvent.click(screen.getByTestId('category-电梯'));
  type('description', '电梯停在3楼不动了');
  fireEvent.click(screen.getByTestId('submit-report'));
  await screen.findByText(/当前没有网络/);
  expect(taro.requests).toHaveLength(0);
  expect(valueOf('description')).toBe('电梯停在3楼不动了');
});

test('what was typed survives the page being closed and reopened (e.g. the app killed mid-report)', () => {
  const first = render(<ReportPage />);
  fireEvent.click(screen.getByTestId('category-路灯照明'));
  type('description', '5号楼北侧路灯不亮');
  first.unmount();
  render(<ReportPage />);
  expect(valueOf('description')).toBe('5号楼北侧路灯不亮');
  expect(screen.getByTestId('category-路灯照明').className).toContain('chip-active');
});

describe('an open report of the same place and category (这部电梯已有人报修，要一起关注吗？)', () => {
  const open = { id: 'p'.repeat(24), no: 'BM-000002', category: '电梯', place: '3号楼1单元', status: 'accepted', followerCount: 1, createdAt: '2026-03-10T08:00:00.000Z' };
  const answer = (o: any) =>
    o.method === 'GET'
      ? { statusCode: 200, data: { items: /tickets\/similar/.test(o.url) ? [open] : [] } }
      : { statusCode: 201, data: { ...ticket, category: o.data.category, ...(o.data.duplicateOf ? { duplicateOf: { id: o.data.duplicateOf, no: 'BM-000002', by: 'reporter' } } : {}) } };

  async function askFirst() {
    taro.onRequest = answer;
    render(<ReportPage />);
    fireEvent.click(screen.getByTestId('category-电梯'));
    type('description', '电梯不动了');
    fireEvent.click(screen.getByTestId('submit-report'));
    await screen.findByText('这部电梯已有人报修，要一起关注吗？');
    // Asked with the place and category only; nothing filed yet.
    expect(taro.requests.map((r: any) => [r.method, decodeURIComponent(r.url.replace(/^.*\/api/, ''))])).toEqual([
      ['GET', '/tickets/similar?category=电梯&building=3号楼&unit=1单元'],
    ]);
    expect(screen.getByTestId('similar-item').textContent).toBe('BM-000002 · 3号楼1单元 · 已受理 · 2 户反映');
  }

  test('一起关注 files the report linked to it and says so', async () => {
    await askFirst();
    fireEvent.click(screen.getByTestId('follow-similar'));
    await screen.findByTestId('report-done');
    expect(taro.requests.filter((r: any) => r.method === 'POST').map((r: any) => r.data.duplicateOf)).toEqual([open.id]);
    expect(screen.getByTestId('report-duplicate').textContent).toBe('这部电梯已有人报修（BM-000002），已为您加一，进度会通知您。');
  });

  test('不是同一问题 files it on its own', async () => {
    await askFirst();
    fireEvent.click(screen.getByTestId('not-same'));
    await screen.findByTestId('report-done');
    const post = taro.requests.filter((r: any) => r.method === 'POST');
    expect(post).toHaveLength(1);
    expect(post[0].data.duplicateOf).toBeUndefined();
    expect(screen.queryByTestId('report-duplicate')).toBeNull();
  });
});
