"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// 工单详情: only the reporter's legal actions are offered; a refused action (409) is explained in Chinese; rating is sent.
const react_1 = require("@testing-library/react");
const taro_mock_1 = require("../../../test/taro-mock");
const session_1 = require("../../store/session");
const index_1 = __importDefault(require("./index"));
jest.mock('@tarojs/taro', () => require('../../../test/taro-mock').taro);
const base = {
    id: 'a'.repeat(24),
    no: 'BM-000007',
    communityId: 'beimen',
    category: '电梯',
    title: '',
    description: '电梯停在 3 楼',
    location: { building: '3号楼' },
    attachments: [],
    channel: 'app',
    reporter: { name: '刘芳' },
    slaDueAt: '2026-11-24T12:00:00Z',
    overdue: false,
    urgeCount: 0,
    createdAt: '2026-11-24T08:00:00Z',
    updatedAt: '2026-11-24T08:00:00Z',
    timeline: [
        { kind: 'created', at: '2026-11-24T08:00:00Z', actor: { kind: 'resident', name: '刘芳' } },
        { kind: 'comment', at: '2026-11-24T08:05:00Z', actor: { kind: 'staff', name: '张丽' }, note: '内部：需要联系维保公司', internal: true },
    ],
};
function serve(ticket, onPost) {
    taro_mock_1.taro.onRequest = (o) => (o.method === 'GET' ? { statusCode: 200, data: ticket } : onPost(o));
}
beforeEach(() => {
    taro_mock_1.taro.requests.length = 0;
    taro_mock_1.taro.routerParams = { id: base.id };
    (0, session_1.saveSession)({ token: 'tok', resident: null });
});
test('a submitted ticket offers 催单 and cancel, shows the timeline without internal notes', async () => {
    serve({ ...base, status: 'submitted' });
    (0, react_1.render)(<index_1.default />);
    await react_1.screen.findByText('BM-000007');
    expect(react_1.screen.getByTestId('ticket-status').textContent).toBe('待受理');
    expect(react_1.screen.getByTestId('urge')).toBeTruthy();
    expect(react_1.screen.getByTestId('action-cancel')).toBeTruthy();
    expect(react_1.screen.queryByTestId('action-reopen')).toBeNull();
    expect(react_1.screen.queryByTestId('rating-form')).toBeNull();
    expect(react_1.screen.getByTestId('timeline').textContent).toContain('已提交');
    expect(react_1.screen.getByTestId('timeline').textContent).not.toContain('内部');
});
test('a refused action shows the server reason and keeps the page', async () => {
    serve({ ...base, status: 'accepted' }, () => ({ statusCode: 409, data: { error: { code: 'CONFLICT', message: '工单当前状态为「处理中」，不能撤销' } } }));
    (0, react_1.render)(<index_1.default />);
    react_1.fireEvent.click(await react_1.screen.findByTestId('action-cancel'));
    await react_1.screen.findByText('工单当前状态为「处理中」，不能撤销');
    expect(taro_mock_1.taro.showModal).toHaveBeenCalled();
    expect(taro_mock_1.taro.requests.at(-1)).toMatchObject({ method: 'POST', data: { action: 'cancel' } });
    expect(react_1.screen.getByText('BM-000007')).toBeTruthy();
});
test('a resolved ticket can be closed, reopened within 7 days, and rated', async () => {
    const resolvedAt = new Date(Date.now() - 3600_000).toISOString();
    serve({ ...base, status: 'resolved', resolvedAt }, (o) => ({ statusCode: 200, data: { ...base, status: 'resolved', resolvedAt, rating: { score: o.data.score, comment: o.data.comment } } }));
    (0, react_1.render)(<index_1.default />);
    await react_1.screen.findByTestId('rating-form');
    expect(react_1.screen.queryByTestId('urge')).toBeNull();
    expect(react_1.screen.getByTestId('action-close')).toBeTruthy();
    expect(react_1.screen.getByTestId('action-reopen')).toBeTruthy();
    react_1.fireEvent.click(react_1.screen.getByTestId('star-4'));
    react_1.fireEvent.click(react_1.screen.getByTestId('rating-submit'));
    await react_1.screen.findByTestId('rating-done');
    expect(taro_mock_1.taro.requests.at(-1)).toMatchObject({ url: `/api/tickets/${base.id}/rating`, data: { score: 4 } });
});
test('reopen is not offered once the 7-day window has passed', async () => {
    serve({ ...base, status: 'closed', resolvedAt: new Date(Date.now() - 8 * 86400_000).toISOString(), rating: { score: 5 } });
    (0, react_1.render)(<index_1.default />);
    await react_1.screen.findByText('BM-000007');
    expect(react_1.screen.queryByTestId('action-reopen')).toBeNull();
    expect(react_1.screen.queryByTestId('rating-form')).toBeNull();
});
