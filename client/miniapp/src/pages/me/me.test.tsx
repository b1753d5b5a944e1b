// 我的: profile from /api/me, daily check-in for residents in the care programme, channel consent as registered.
import { fireEvent, render, screen } from '@testing-library/react';
import { taro } from '../../../test/taro-mock';
import { saveSession } from '../../store/session';
import MePage from './index';

jest.mock('@tarojs/taro', () => require('../../../test/taro-mock').taro);

const me = { id: 'r1', communityId: 'beimen', householdId: 'h1', name: '王秀兰', birthYear: 1941, building: '1号楼', unit: '1单元', room: '101', tags: ['独居', '高龄'], channels: ['feed', 'group'], verified: true };

beforeEach(() => {
  taro.storage.clear();
  taro.requests.length = 0;
  saveSession({ token: 'tok', resident: null });
});

test('an enrolled resident checks in with one tap and sees it confirmed', async () => {
  let checkedIn = false;
  taro.onRequest = (o: any) => {
    if (o.url.endsWith('/care/me'))
      return {
        statusCode: 200,
        data: { enrolled: true, day: '2026-11-24', checkedInToday: checkedIn, checkedInAt: checkedIn ? '2026-11-24T00:30:00Z' : undefined, checkinDeadline: '10:00', emergencyContacts: [{ name: '王强', relation: '儿子', phone: '13900000001' }] },
      };
    if (o.url.endsWith('/care/checkins')) {
      checkedIn = true;
      return { statusCode: 201, data: { first: true } };
    }
    if (o.url === '/api/me') return { statusCode: 200, data: { kind: 'resident', resident: me } };
    return { statusCode: 404, data: {} };
  };
  render(<MePage />);
  await screen.findByText('王秀兰');
  // Tagged 高龄: elder-friendly mode is on without the resident doing anything.
  expect(screen.getByTestId('me-page').getAttribute('data-elder')).toBe('1');
  expect((await screen.findByTestId('care')).textContent).toContain('王强（儿子）');
  fireEvent.click(await screen.findByTestId('checkin'));
  await screen.findByTestId('checked-in');
  expect(screen.getByTestId('checked-in').textContent).toContain('08:30');
  expect(screen.getByTestId('channels').textContent).toContain('✓ 微信群');
  expect(screen.getByTestId('channels').textContent).toContain('✗ 短信');
});

test('residents outside the programme see no check-in; a failed load is explained', async () => {
  taro.onRequest = (o: any) =>
    o.url.endsWith('/care/me') ? { statusCode: 200, data: { enrolled: false, day: '2026-11-24', checkedInToday: false, emergencyContacts: [] } } : { statusCode: 503, data: {} };
  render(<MePage />);
  await screen.findByText('服务暂时不可用，请稍后再试');
  expect(screen.queryByTestId('care')).toBeNull();
});

test('a registered resident gets a bind code for the group bot (绑定社区群微信)', async () => {
  taro.onRequest = (o: any) => {
    if (o.url.endsWith('/care/me')) return { statusCode: 200, data: { enrolled: false, day: '2026-11-24', checkedInToday: false, emergencyContacts: [] } };
    if (o.url === '/api/me') return { statusCode: 200, data: { kind: 'resident', resident: me } };
    if (o.url.endsWith('/me/bind-code') && o.method === 'POST')
      return { statusCode: 201, data: { code: '042917', expiresAt: '2026-11-24T02:15:00Z', relation: 'self', residentName: '王秀兰' } };
    return { statusCode: 404, data: {} };
  };
  render(<MePage />);
  fireEvent.click(await screen.findByTestId('bind-code-get'));
  const shown = await screen.findByTestId('bind-code');
  expect(shown.textContent).toContain('绑定 042917');
  expect(shown.textContent).toContain('10:15 前有效');
  expect(taro.requests.some((r: any) => r.url.endsWith('/me/bind-code') && r.method === 'POST')).toBe(true);
});

test('someone not registered yet is not offered a bind code', async () => {
  taro.onRequest = (o: any) => {
    if (o.url.endsWith('/care/me')) return { statusCode: 200, data: { enrolled: false, day: '2026-11-24', checkedInToday: false, emergencyContacts: [] } };
    if (o.url === '/api/me') return { statusCode: 200, data: { kind: 'resident', resident: { ...me, verified: false } } };
    return { statusCode: 404, data: {} };
  };
  render(<MePage />);
  await screen.findByText('尚未与社区登记的住户信息关联，请到社区会客厅登记');
  expect(screen.queryByTestId('wechat-bind')).toBeNull();
});

test('an elder going to her family enters it herself (走亲戚, 7 天 from today): she is told she need not check in, and can cancel when back', async () => {
  const { addDays, shanghaiDay } = require('@linli/contracts');
  const today = shanghaiDay();
  let absence: any = null;
  const care = () => ({
    enrolled: true, day: today, checkedInToday: false, checkinDeadline: '10:00', emergencyContacts: [],
    absences: absence ? [absence] : [],
    ...(absence ? { awayToday: { reason: absence.reason, from: absence.from, to: absence.to } } : {}),
  });
  taro.onRequest = (o: any) => {
    if (o.url.endsWith('/care/me')) return { statusCode: 200, data: care() };
    if (o.url.endsWith('/care/me/absences') && o.method === 'POST') {
      absence = { id: 'a1', residentId: 'r1', ...o.data, createdBy: { kind: 'resident', id: 'r1', name: '王秀兰' }, createdAt: '', updatedAt: '' };
      return { statusCode: 201, data: absence };
    }
    if (o.url.endsWith('/care/me/absences/a1') && o.method === 'DELETE') {
      absence = null;
      return { statusCode: 200, data: { removed: true } };
    }
    if (o.url === '/api/me') return { statusCode: 200, data: { kind: 'resident', resident: me } };
    return { statusCode: 404, data: {} };
  };
  render(<MePage />);
  fireEvent.click(await screen.findByTestId('care-away-open'));
  fireEvent.click(await screen.findByTestId('away-reason-走亲戚'));
  fireEvent.click(await screen.findByTestId('away-days-7'));
  fireEvent.click(await screen.findByTestId('care-away-save'));
  const away = await screen.findByTestId('care-away');
  expect(away.textContent).toContain('外出中');
  expect(away.textContent).toContain('这几天不用打卡');
  expect(screen.queryByTestId('checkin')).toBeNull();
  const sent = taro.requests.find((r: any) => r.url.endsWith('/care/me/absences') && r.method === 'POST') as any;
  expect(sent.data).toEqual({ from: today, to: addDays(today, 6), reason: '走亲戚' });

  fireEvent.click(await screen.findByTestId('care-back'));
  await screen.findByTestId('checkin');
  expect(taro.requests.some((r: any) => r.url.endsWith('/care/me/absences/a1') && r.method === 'DELETE')).toBe(true);
});
