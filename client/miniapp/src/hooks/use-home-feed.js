"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.useHomeFeed = useHomeFeed;
// The home feed: notices (unread first) and active public alerts, loaded on show and kept live over Socket.io.
const taro_1 = __importDefault(require("@tarojs/taro"));
const react_1 = require("react");
const notices_1 = require("../services/notices");
const use_async_action_1 = require("./use-async-action");
const use_server_event_1 = require("./use-server-event");
function useHomeFeed() {
    const [notices, setNotices] = (0, react_1.useState)(null);
    const [unread, setUnread] = (0, react_1.useState)(0);
    const [alerts, setAlerts] = (0, react_1.useState)([]);
    const [cursor, setCursor] = (0, react_1.useState)(null);
    const load = (0, use_async_action_1.useAsyncAction)((0, react_1.useCallback)(async () => {
        const [n, a] = await Promise.all([(0, notices_1.listNotices)(), (0, notices_1.publicAlerts)().catch(() => ({ items: [] }))]);
        setNotices((0, notices_1.orderNotices)(n.items));
        setCursor(n.nextCursor);
        setUnread(n.unreadCount);
        setAlerts(a.items);
    }, []));
    const reload = load.run;
    const more = (0, use_async_action_1.useAsyncAction)(async () => {
        if (!cursor)
            return;
        const n = await (0, notices_1.listNotices)(cursor);
        setNotices((prev) => (0, notices_1.orderNotices)([...(prev ?? []), ...n.items.filter((x) => !prev?.some((p) => p.id === x.id))]));
        setCursor(n.nextCursor);
    });
    // The 首页 tab carries the unread count, so it is visible from every tab.
    (0, react_1.useEffect)(() => {
        const done = () => undefined;
        if (unread > 0)
            void taro_1.default.setTabBarBadge({ index: 0, text: unread > 99 ? '99+' : String(unread) }).catch(done);
        else
            void taro_1.default.removeTabBarBadge({ index: 0 }).catch(done);
    }, [unread]);
    (0, use_server_event_1.useServerEvent)('notice:published', (n) => {
        setNotices((prev) => (0, notices_1.upsertNotice)(prev ?? [], n));
        if (!n.readAt)
            setUnread((u) => u + 1);
    }, () => void reload());
    (0, use_server_event_1.useServerEvent)('alert:raised', (a) => setAlerts((prev) => (0, notices_1.applyAlert)(prev, a)));
    (0, use_server_event_1.useServerEvent)('alert:updated', (a) => setAlerts((prev) => (0, notices_1.applyAlert)(prev, a)));
    return { notices, unread, alerts, reload, hasMore: !!cursor, loadMore: more.run, loadingMore: more.busy, error: load.error ?? more.error };
}
