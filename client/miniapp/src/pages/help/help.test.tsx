// 有问必答: an unanswered question offers 您是不是想问… topics; tapping one shows its answer without asking again.
import { fireEvent, render, screen } from '@testing-library/react';
import { typeInto } from '../../../test/events';
import { taro } from '../../../test/taro-mock';
import { saveSession } from '../../store/session';
import HelpPage from './index';

jest.mock('@tarojs/taro', () => require('../../../test/taro-mock').taro);

beforeEach(() => {
  taro.requests.length = 0;
  saveSession({ token: 'tok', resident: null });
});

test('no rule matched: suggestions are offered and one tap shows that answer', async () => {
  taro.onRequest = () => ({
    statusCode: 200,
    data: {
      match: null,
      suggestions: [
        { ruleId: 'r1', question: '物业费', answer: '物业费标准为每月每平方米 0.5 元。' },
        { ruleId: 'r2', question: '停车', answer: '凭行驶证到物业办理停车登记。' },
      ],
    },
  });
  render(<HelpPage />);
  typeInto(screen.getByTestId('help-question'), '物业的钱都花到哪儿了');
  fireEvent.click(screen.getByTestId('help-ask'));
  await screen.findByText('您是不是想问：');
  expect(screen.getAllByTestId('help-suggestion').map((e) => e.textContent)).toEqual(['物业费', '停车']);
  expect(screen.getByTestId('help-none').textContent).toContain('都不是？');

  fireEvent.click(screen.getAllByTestId('help-suggestion')[0]!);
  expect((await screen.findByTestId('help-answer')).textContent).toContain('每月每平方米 0.5 元');
  expect(screen.queryByTestId('help-suggestions')).toBeNull();
  expect(taro.requests).toHaveLength(1);
});

test('nothing near: only the ways to ask a person', async () => {
  taro.onRequest = () => ({ statusCode: 200, data: { match: null, suggestions: [] } });
  render(<HelpPage />);
  typeInto(screen.getByTestId('help-question'), '今天天气怎么样');
  fireEvent.click(screen.getByTestId('help-ask'));
  expect((await screen.findByTestId('help-none')).textContent).toContain('暂时没有现成的答案');
  expect(screen.queryByTestId('help-suggestions')).toBeNull();
});
