"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// 报事 page: validation, a failed submit keeps the draft and shows a Chinese message, a retry reuses uploads and the idempotency key.
const react_1 = require("@testing-library/react");
const events_1 = require("../../../test/events");
const taro_mock_1 = require("../../../test/taro-mock");
const session_1 = require("../../store/session");
const index_1 = __importDefault(require("./index"));
jest.mock('@tarojs/taro', () => require('../../../test/taro-mock').taro);
const resident = { id: 'r1', communityId: 'beimen', householdId: 'h1', name: '刘芳', birthYear: 1990, building: '3号楼', unit: '1单元', room: '402', tags: [], channels: [] };
const ticket = { id: 't1', no: 'BM-000042', status: 'submitted', timeline: [], attachments: [] };
const type = (testId, value) => (0, events_1.typeInto)(react_1.screen.getByTestId(testId), value);
const valueOf = (testId) => react_1.screen.getByTestId(testId).value;
beforeEach(() => {
    taro_mock_1.taro.storage.clear();
    taro_mock_1.taro.requests.length = 0;
    taro_mock_1.taro.uploadFile.mockClear();
    (0, session_1.saveSession)({ token: 'tok', resident: resident });
});
test('the location defaults to the resident home and a missing category is explained', async () => {
    (0, react_1.render)(<index_1.default />);
    expect(valueOf('loc-building')).toBe('3号楼');
    expect(valueOf('loc-room')).toBe('402');
    react_1.fireEvent.click(react_1.screen.getByTestId('submit-report'));
    await react_1.screen.findByText('请选择问题类别');
    expect(taro_mock_1.taro.requests).toHaveLength(0);
});
test('a failed submit keeps what was typed; the retry reuses the uploaded photo and the same idempotency key', async () => {
    let fail = true;
    taro_mock_1.taro.onRequest = (o) => fail ? { statusCode: 500, data: { error: { code: 'INTERNAL', message: 'mongo exploded at line 3' } } } : { statusCode: 201, data: { ...ticket, category: o.data.category } };
    (0, react_1.render)(<index_1.default />);
    react_1.fireEvent.click(react_1.screen.getByTestId('category-水电'));
    type('description', '楼道水管漏水');
    react_1.fireEvent.click(react_1.screen.getByTestId('add-photo'));
    await react_1.screen.findByTestId('photo-preview');
    react_1.fireEvent.click(react_1.screen.getByTestId('submit-report'));
    // 5xx internals are never shown; a plain Chinese sentence is.
    await react_1.screen.findByText('服务器开小差了，请稍后再试');
    expect(react_1.screen.queryByText(/mongo/)).toBeNull();
    expect(react_1.screen.getByTestId('photo-preview')).toBeTruthy();
    expect(valueOf('description')).toBe('楼道水管漏水');
    const first = taro_mock_1.taro.requests[0];
    expect(first.data).toMatchObject({ category: '水电', description: '楼道水管漏水', channel: 'app', attachments: ['a'.repeat(24)], location: { building: '3号楼', unit: '1单元', room: '402' } });
    fail = false;
    react_1.fireEvent.click(react_1.screen.getByTestId('submit-report'));
    await react_1.screen.findByTestId('report-done');
    expect(react_1.screen.getByTestId('report-done').textContent).toContain('BM-000042');
    expect(taro_mock_1.taro.uploadFile).toHaveBeenCalledTimes(1);
    expect(taro_mock_1.taro.requests[1].header['Idempotency-Key']).toBe(first.header['Idempotency-Key']);
    expect(taro_mock_1.taro.requests[1].header.Authorization).toBe('Bearer tok');
});
test('offline submit is refused with a clear message and nothing is sent', async () => {
    taro_mock_1.taro.getNetworkType.mockResolvedValueOnce({ networkType: 'none' });
    (0, react_1.render)(<index_1.default />);
    react_1.fireEvent.click(react_1.screen.getByTestId('category-电梯'));
    type('description', '电梯停在3楼不动了');
    react_1.fireEvent.click(react_1.screen.getByTestId('submit-report'));
    await react_1.screen.findByText(/当前没有网络/);
    expect(taro_mock_1.taro.requests).toHaveLength(0);
    expect(valueOf('description')).toBe('电梯停在3楼不动了');
});
test('what was typed survives the page being closed and reopened (e.g. the app killed mid-report)', () => {
    const first = (0, react_1.render)(<index_1.default />);
    react_1.fireEvent.click(react_1.screen.getByTestId('category-路灯照明'));
    type('description', '5号楼北侧路灯不亮');
    first.unmount();
    (0, react_1.render)(<index_1.default />);
    expect(valueOf('description')).toBe('5号楼北侧路灯不亮');
    expect(react_1.screen.getByTestId('category-路灯照明').className).toContain('chip-active');
});
