"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Elder-friendly mode: on by default for residents tagged 高龄, and the resident's own switch wins.
const react_1 = require("@testing-library/react");
const react_2 = require("react");
const taro_mock_1 = require("../../test/taro-mock");
const elder_1 = require("../store/elder");
const session_1 = require("../store/session");
const page_frame_1 = require("./page-frame");
jest.mock('@tarojs/taro', () => require('../../test/taro-mock').taro);
const person = (tags) => ({ id: 'r', communityId: 'beimen', householdId: 'h', name: '王秀兰', birthYear: 1941, building: '1号楼', unit: '1单元', room: '101', tags, channels: [] });
beforeEach(() => {
    taro_mock_1.taro.storage.clear();
    elder_1.elderChoice.set(null);
});
test('a resident tagged 高龄 gets elder mode by default; others do not', () => {
    (0, session_1.saveSession)({ token: 't', resident: person(['独居', '高龄']) });
    const { unmount } = (0, react_1.render)(<page_frame_1.PageFrame testId="p">内容</page_frame_1.PageFrame>);
    expect(react_1.screen.getByTestId('p').className).toContain('elder');
    unmount();
    (0, session_1.saveSession)({ token: 't', resident: person([]) });
    (0, react_1.render)(<page_frame_1.PageFrame testId="p">内容</page_frame_1.PageFrame>);
    expect(react_1.screen.getByTestId('p').className).not.toContain('elder');
});
test('the switch overrides the default and is remembered', () => {
    (0, session_1.saveSession)({ token: 't', resident: person(['高龄']) });
    (0, react_1.render)(<page_frame_1.PageFrame testId="p">内容</page_frame_1.PageFrame>);
    (0, react_2.act)(() => (0, elder_1.setElderMode)(false));
    expect(react_1.screen.getByTestId('p').className).not.toContain('elder');
    expect(taro_mock_1.taro.storage.get('linli.elderMode')).toBe(false);
    (0, react_2.act)(() => (0, elder_1.setElderMode)(true));
    expect(react_1.screen.getByTestId('p').getAttribute('data-elder')).toBe('1');
});
