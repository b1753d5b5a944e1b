// Login flows: the dev login and WeChat code login store the session; an expired token sends the resident back to login.
import { taro } from '../../test/taro-mock';
import { session } from '../store/session';
import { api } from './api';
import { devLogin, wechatLogin } from './auth';

jest.mock('@tarojs/taro', () => require('../../test/taro-mock').taro);

const resident = { id: 'r1', name: '刘芳', tags: [] };

beforeEach(() => {
  taro.storage.clear();
  taro.requests.length = 0;
});

test('dev login posts the openid and keeps the token in storage', async () => {
  taro.onRequest = () => ({ statusCode: 200, data: { token: 'jwt-1', resident } });
  await devLogin('demo-resident', '刘芳');
  expect(taro.requests[0]).toMatchObject({ url: '/api/auth/dev/login', method: 'POST', data: { openid: 'demo-resident', name: '刘芳' } });
  expect(session.get().token).toBe('jwt-1');
  expect((taro.storage.get('linli.session') as any).token).toBe('jwt-1');
});

test('WeChat login sends the code from Taro.login', async () => {
  taro.onRequest = () => ({ statusCode: 200, data: { token: 'jwt-2', resident } });
  await wechatLogin();
  expect(taro.requests[0]).toMatchObject({ url: '/api/auth/wechat/login', data: { code: 'test-code' } });
  expect(session.get().token).toBe('jwt-2');
});

test('a 401 on any call clears the session and relaunches the login page', async () => {
  taro.onRequest = () => ({ statusCode: 200, data: { token: 'jwt-3', resident } });
  await devLogin('demo-resident');
  taro.onRequest = () => ({ statusCode: 401, data: { error: { code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' } } });
  await expect(api.get('/tickets')).rejects.toThrow('登录已过期，请重新登录');
  expect(session.get().token).toBeNull();
  expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
});

test('a dev login refused by the server (DEV_LOGIN off) is explained', async () => {
  taro.onRequest = () => ({ statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '接口不存在' } } });
  await expect(devLogin('demo-resident')).rejects.toThrow('接口不存在');
});
