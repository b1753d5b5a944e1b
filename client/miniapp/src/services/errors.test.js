"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Error messages residents see: server Chinese messages pass through, internals and English never do.
const errors_1 = require("./errors");
test('a Chinese 4xx message from the server is shown as is', () => {
    const e = (0, errors_1.fromResponse)(422, { error: { code: 'VALIDATION', message: '请填写问题描述' } });
    expect(e).toMatchObject({ message: '请填写问题描述', status: 422, code: 'VALIDATION' });
});
test('5xx and non-Chinese messages fall back to a plain Chinese sentence per status', () => {
    expect((0, errors_1.fromResponse)(500, { error: { code: 'INTERNAL', message: '内部错误 stack...' } }).message).toBe('服务器开小差了，请稍后再试');
    expect((0, errors_1.fromResponse)(503, 'gateway down').message).toBe('服务暂时不可用，请稍后再试');
    expect((0, errors_1.fromResponse)(404, { error: { code: 'NOT_FOUND', message: 'Not Found' } }).message).toBe('内容不存在或已被删除');
    expect((0, errors_1.fromResponse)(429, null).message).toBe('操作太频繁，请稍后再试');
    expect((0, errors_1.fromResponse)(413, '').code).toBe('VALIDATION');
});
test('network failures and cancellations read naturally', () => {
    expect((0, errors_1.messageOf)({ errMsg: 'request:fail timeout' })).toBe(errors_1.NETWORK_MESSAGE);
    expect((0, errors_1.messageOf)({ errMsg: 'chooseMedia:fail cancel' })).toBe('已取消');
    expect((0, errors_1.messageOf)(new errors_1.ApiError('请选择问题类别', 0, 'VALIDATION'))).toBe('请选择问题类别');
    expect((0, errors_1.messageOf)(new TypeError('x is undefined'))).toBe('出了点问题，请稍后再试');
});
