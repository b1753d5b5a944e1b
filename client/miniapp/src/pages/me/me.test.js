"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// 我的: profile from /api/me, daily check-in for residents in the care programme, channel consent as registered.
const react_1 = require("@testing-library/react");
const taro_mock_1 = require("../../../test/taro-mock");
const session_1 = require("../../store/session");
const index_1 = __importDefault(require("./index"));
jest.mock('@tarojs/taro', () => require('../../../test/taro-mock').taro);
const me = { id: 'r1', communityId: 'beimen', householdId: 'h1', name: '王秀兰', birthYear: 1941, building: '1号楼', unit: '1单元', room: '101', tags: ['独居', '高龄'], channels: ['feed', 'group'], verified: true };
beforeEach(() => {
    taro_mock_1.taro.storage.clear();
    taro_mock_1.taro.requests.length = 0;
    (0, session_1.saveSession)({ token: 'tok', resident: null });
});
test('an enrolled resident checks in with one tap and sees it confirmed', async () => {
    let checkedIn = false;
    taro_mock_1.taro.onRequest = (o) => {
        if (o.url.endsWith('/care/me'))
            return {
                statusCode: 200,
                data: { enrolled: true, day: '2026-11-24', checkedInToday: checkedIn, checkedInAt: checkedIn ? '2026-11-24T00:30:00Z' : undefined, checkinDeadline: '10:00', emergencyContacts: [{ name: '王强', relation: '儿子', phone: '13900000001' }] },
            };
        if (o.url.endsWith('/care/checkins')) {
            checkedIn = true;
            return { statusCode: 201, data: { first: true } };
        }
        if (o.url === '/api/me')
            return { statusCode: 200, data: { kind: 'resident', resident: me } };
        return { statusCode: 404, data: {} };
    };
    (0, react_1.render)(<index_1.default />);
    await react_1.screen.findByText('王秀兰');
    // Tagged 高龄: elder-friendly mode is on without the resident doing anything.
    expect(react_1.screen.getByTestId('me-page').getAttribute('data-elder')).toBe('1');
    expect((await react_1.screen.findByTestId('care')).textContent).toContain('王强（儿子）');
    react_1.fireEvent.click(await react_1.screen.findByTestId('checkin'));
    await react_1.screen.findByTestId('checked-in');
    expect(react_1.screen.getByTestId('checked-in').textContent).toContain('08:30');
    expect(react_1.screen.getByTestId('channels').textContent).toContain('✓ 微信群');
    expect(react_1.screen.getByTestId('channels').textContent).toContain('✗ 短信');
});
test('residents outside the programme see no check-in; a failed load is explained', async () => {
    taro_mock_1.taro.onRequest = (o) => o.url.endsWith('/care/me') ? { statusCode: 200, data: { enrolled: false, day: '2026-11-24', checkedInToday: false, emergencyContacts: [] } } : { statusCode: 503, data: {} };
    (0, react_1.render)(<index_1.default />);
    await react_1.screen.findByText('服务暂时不可用，请稍后再试');
    expect(react_1.screen.queryByTestId('care')).toBeNull();
});
