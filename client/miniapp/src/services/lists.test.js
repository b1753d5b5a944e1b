"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const board_1 = require("./board");
const notices_1 = require("./notices");
const ticket_actions_1 = require("./ticket-actions");
jest.mock('@tarojs/taro', () => require('../../test/taro-mock').taro);
const n = (id, o) => ({ id, title: id, pinned: false, createdAt: '2026-11-01T00:00:00Z', publishedAt: '2026-11-01T00:00:00Z', ...o });
test('notices: unread first, then pinned, then newest', () => {
    const list = (0, notices_1.orderNotices)([
        n('old-read', { readAt: '2026-11-02T00:00:00Z' }),
        n('pinned-read', { pinned: true, readAt: '2026-11-02T00:00:00Z' }),
        n('new-unread', { publishedAt: '2026-11-20T00:00:00Z' }),
        n('pinned-unread', { pinned: true }),
    ]);
    expect(list.map((x) => x.id)).toEqual(['pinned-unread', 'new-unread', 'pinned-read', 'old-read']);
    expect((0, notices_1.upsertNotice)(list, n('new-unread', { title: 'changed', publishedAt: '2026-11-20T00:00:00Z' })).filter((x) => x.id === 'new-unread')).toHaveLength(1);
});
const post = (id, o = {}) => ({ id, category: '建议', status: 'published', mine: false, replies: [], replyCount: 0, ...o });
test('board: live posts respect the chosen category, held posts show only to their author, replies are not doubled', () => {
    expect((0, board_1.applyPost)([post('a')], post('b', { category: '求助' }), '建议').map((p) => p.id)).toEqual(['a']);
    expect((0, board_1.applyPost)([post('a')], post('b'), null).map((p) => p.id)).toEqual(['b', 'a']);
    expect((0, board_1.applyPost)([post('a')], post('h', { status: 'held' }), null).map((p) => p.id)).toEqual(['a']);
    expect((0, board_1.applyPost)([post('a')], post('h', { status: 'held', mine: true }), null).map((p) => p.id)).toEqual(['h', 'a']);
    expect((0, board_1.applyPost)([post('a'), post('b')], post('b', { status: 'hidden' }), null).map((p) => p.id)).toEqual(['a']);
    const reply = { id: 'r1', text: '收到', official: true };
    const once = (0, board_1.applyReply)([post('a')], { postId: 'a', reply, replyCount: 1 });
    expect((0, board_1.applyReply)(once, { postId: 'a', reply, replyCount: 1 })[0].replies).toHaveLength(1);
});
test('alerts: only open public alerts stay in the banner', () => {
    const a = { id: 'x', audience: 'public', status: 'raised' };
    expect((0, notices_1.applyAlert)([], a)).toHaveLength(1);
    expect((0, notices_1.applyAlert)([a], { ...a, status: 'resolved' })).toHaveLength(0);
    expect((0, notices_1.applyAlert)([], { ...a, audience: 'personal' })).toHaveLength(0);
});
test('reporter actions follow the shared transition table', () => {
    expect((0, ticket_actions_1.reporterActions)({ status: 'submitted' })).toEqual(['cancel']);
    expect((0, ticket_actions_1.reporterActions)({ status: 'in_progress' })).toEqual([]);
    const now = Date.parse('2026-11-24T00:00:00Z');
    expect((0, ticket_actions_1.reporterActions)({ status: 'resolved', resolvedAt: '2026-11-20T00:00:00Z' }, now).sort()).toEqual(['close', 'reopen']);
    expect((0, ticket_actions_1.reporterActions)({ status: 'closed', resolvedAt: '2026-11-10T00:00:00Z' }, now)).toEqual([]);
    expect((0, ticket_actions_1.canUrge)({ status: 'in_progress' })).toBe(true);
    expect((0, ticket_actions_1.canUrge)({ status: 'resolved' })).toBe(false);
    expect((0, ticket_actions_1.canRate)({ status: 'closed' })).toBe(true);
    expect((0, ticket_actions_1.canRate)({ status: 'closed', rating: { score: 3 } })).toBe(false);
});
