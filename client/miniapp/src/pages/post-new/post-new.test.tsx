// 我要留言: the category is required, a refused post keeps the text, a held post says it awaits review.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { typeInto } from '../../../test/events';
import { taro } from '../../../test/taro-mock';
import { saveSession } from '../../store/session';
import NewPostPage from './index';

jest.mock('@tarojs/taro', () => require('../../../test/taro-mock').taro);

beforeEach(() => {
  taro.requests.length = 0;
  (taro.navigateBack as jest.Mock).mockClear();
  saveSession({ token: 'tok', resident: null });
});

test('a post refused by the server keeps the text; a held post is explained and the page closes', async () => {
  render(<NewPostPage />);
  fireEvent.click(screen.getByTestId('post-submit'));
  await screen.findByText('请选择留言类别');
  expect(taro.requests).toHaveLength(0);

  fireEvent.click(screen.getByTestId('post-cat-求助'));
  typeInto(screen.getByTestId('post-text-input'), '谁家有梯子借用一下');
  taro.onRequest = () => ({ statusCode: 429, data: { error: { code: 'RATE_LIMITED', message: '发帖太频繁，请稍后再试' } } });
  fireEvent.click(screen.getByTestId('post-submit'));
  await screen.findByText('发帖太频繁，请稍后再试');
  expect((screen.getByTestId('post-text-input') as unknown as { value: string }).value).toBe('谁家有梯子借用一下');
  expect(taro.navigateBack).not.toHaveBeenCalled();

  taro.onRequest = (o: any) => ({ statusCode: 201, data: { id: 'p1', ...o.data, status: 'held', replies: [], photos: [] } });
  fireEvent.click(screen.getByTestId('post-submit'));
  await waitFor(() => expect(taro.navigateBack).toHaveBeenCalled());
  expect(taro.requests.at(-1)).toMatchObject({ url: '/api/posts', data: { category: '求助', text: '谁家有梯子借用一下', photos: [] } });
  expect(taro.showToast).toHaveBeenCalledWith({ title: '已提交，审核后显示', icon: 'none' });
});
