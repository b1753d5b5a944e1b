"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Login flows: the dev login and WeChat code login store the session; an expired token sends the resident back to login.
const taro_mock_1 = require("../../test/taro-mock");
const session_1 = require("../store/session");
const api_1 = require("./api");
const auth_1 = require("./auth");
jest.mock('@tarojs/taro', () => require('../../test/taro-mock').taro);
const resident = { id: 'r1', name: '刘芳', tags: [] };
beforeEach(() => {
    taro_mock_1.taro.storage.clear();
    taro_mock_1.taro.requests.length = 0;
});
test('dev login posts the openid and keeps the token in storage', async () => {
    taro_mock_1.taro.onRequest = () => ({ statusCode: 200, data: { token: 'jwt-1', resident } });
    await (0, auth_1.devLogin)('demo-resident', '刘芳');
    expect(taro_mock_1.taro.requests[0]).toMatchObject({ url: '/api/auth/dev/login', method: 'POST', data: { openid: 'demo-resident', name: '刘芳' } });
    expect(session_1.session.get().token).toBe('jwt-1');
    expect(taro_mock_1.taro.storage.get('linli.session').token).toBe('jwt-1');
});
test('WeChat login sends the code from Taro.login', async () => {
    taro_mock_1.taro.onRequest = () => ({ statusCode: 200, data: { token: 'jwt-2', resident } });
    await (0, auth_1.wechatLogin)();
    expect(taro_mock_1.taro.requests[0]).toMatchObject({ url: '/api/auth/wechat/login', data: { code: 'test-code' } });
    expect(session_1.session.get().token).toBe('jwt-2');
});
test('a 401 on any call clears the session and relaunches the login page', async () => {
    taro_mock_1.taro.onRequest = () => ({ statusCode: 200, data: { token: 'jwt-3', resident } });
    await (0, auth_1.devLogin)('demo-resident');
    taro_mock_1.taro.onRequest = () => ({ statusCode: 401, data: { error: { code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' } } });
    await expect(api_1.api.get('/tickets')).rejects.toThrow('登录已过期，请重新登录');
    expect(session_1.session.get().token).toBeNull();
    expect(taro_mock_1.taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
});
test('a dev login refused by the server (DEV_LOGIN off) is explained', async () => {
    taro_mock_1.taro.onRequest = () => ({ statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '接口不存在' } } });
    await expect((0, auth_1.devLogin)('demo-resident')).rejects.toThrow('接口不存在');
});
