// Elder-friendly mode: on by default for residents tagged 高龄, and the resident's own switch wins.
import { render, screen } from '@testing-library/react';
import { act } from 'react';
import { taro } from '../../test/taro-mock';
import { elderChoice, setElderMode } from '../store/elder';
import { saveSession } from '../store/session';
import { PageFrame } from './page-frame';

jest.mock('@tarojs/taro', () => require('../../test/taro-mock').taro);

const person = (tags: string[]) => ({ id: 'r', communityId: 'beimen', householdId: 'h', name: '王秀兰', birthYear: 1941, building: '1号楼', unit: '1单元', room: '101', tags, channels: [] });

beforeEach(() => {
  taro.storage.clear();
  elderChoice.set(null);
});

test('a resident tagged 高龄 gets elder mode by default; others do not', () => {
  saveSession({ token: 't', resident: person(['独居', '高龄']) as any });
  const { unmount } = render(<PageFrame testId="p">内容</PageFrame>);
  expect(screen.getByTestId('p').className).toContain('elder');
  unmount();
  saveSession({ token: 't', resident: person([]) as any });
  render(<PageFrame testId="p">内容</PageFrame>);
  expect(screen.getByTestId('p').className).not.toContain('elder');
});

test('the switch overrides the default and is remembered', () => {
  saveSession({ token: 't', resident: person(['高龄']) as any });
  render(<PageFrame testId="p">内容</PageFrame>);
  act(() => setElderMode(false));
  expect(screen.getByTestId('p').className).not.toContain('elder');
  expect(taro.storage.get('linli.elderMode')).toBe(false);
  act(() => setElderMode(true));
  expect(screen.getByTestId('p').getAttribute('data-elder')).toBe('1');
});
