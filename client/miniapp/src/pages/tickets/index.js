"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = TicketsPage;
// 我的工单: the resident's tickets, newest first, with "load more"; rows update live over Socket.io.
const components_1 = require("@tarojs/components");
const taro_1 = __importStar(require("@tarojs/taro"));
const react_1 = require("react");
const action_button_1 = require("../../components/action-button");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const ticket_card_1 = require("../../components/ticket-card");
const use_async_action_1 = require("../../hooks/use-async-action");
const use_server_event_1 = require("../../hooks/use-server-event");
const auth_1 = require("../../services/auth");
const tickets_1 = require("../../services/tickets");
function TicketsPage() {
    const [items, setItems] = (0, react_1.useState)(null);
    const [cursor, setCursor] = (0, react_1.useState)(null);
    const reload = (0, use_async_action_1.useAsyncAction)((0, react_1.useCallback)(async () => {
        const page = await (0, tickets_1.myTickets)();
        setItems(page.items);
        setCursor(page.nextCursor);
    }, []));
    const more = (0, use_async_action_1.useAsyncAction)(async () => {
        if (!cursor)
            return;
        const page = await (0, tickets_1.myTickets)(cursor);
        setItems((prev) => [...(prev ?? []), ...page.items.filter((t) => !prev?.some((p) => p.id === t.id))]);
        setCursor(page.nextCursor);
    });
    (0, taro_1.useDidShow)(() => {
        (0, auth_1.whenLoggedIn)(() => reload.run());
    });
    (0, taro_1.usePullDownRefresh)(() => {
        void reload.run().finally(() => taro_1.default.stopPullDownRefresh());
    });
    (0, taro_1.useReachBottom)(() => void more.run());
    (0, use_server_event_1.useServerEvent)('ticket:updated', (t) => setItems((prev) => (prev ? (prev.some((p) => p.id === t.id) ? prev.map((p) => (p.id === t.id ? t : p)) : [t, ...prev]) : prev)), () => void reload.run());
    return (<page_frame_1.PageFrame testId="tickets-page">
      <error_banner_1.ErrorBanner message={reload.error ?? more.error}/>
      {items === null && !reload.error && <components_1.View className="muted center">加载中…</components_1.View>}
      {items?.length === 0 && (<components_1.View className="card center">
          <components_1.View className="muted">还没有报过事</components_1.View>
          <action_button_1.ActionButton primary onClick={() => void taro_1.default.switchTab({ url: '/pages/report/index' })}>
            去报事
          </action_button_1.ActionButton>
        </components_1.View>)}
      {items?.map((t) => (<ticket_card_1.TicketCard key={t.id} ticket={t} onOpen={() => void taro_1.default.navigateTo({ url: `/pages/ticket/index?id=${t.id}` })}/>))}
      {cursor && (<action_button_1.ActionButton disabled={more.busy} onClick={() => void more.run()}>
          {more.busy ? '加载中…' : '加载更多'}
        </action_button_1.ActionButton>)}
    </page_frame_1.PageFrame>);
}
