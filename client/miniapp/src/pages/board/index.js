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
exports.default = BoardPage;
// 留言板: posts by category, newest first, live; a button to write a post.
const components_1 = require("@tarojs/components");
const taro_1 = __importStar(require("@tarojs/taro"));
const react_1 = require("react");
const contracts_1 = require("@linli/contracts");
const action_button_1 = require("../../components/action-button");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const post_card_1 = require("../../components/post-card");
const use_async_action_1 = require("../../hooks/use-async-action");
const use_server_event_1 = require("../../hooks/use-server-event");
const auth_1 = require("../../services/auth");
const board_1 = require("../../services/board");
function BoardPage() {
    const [category, setCategory] = (0, react_1.useState)(null);
    const [items, setItems] = (0, react_1.useState)(null);
    const [cursor, setCursor] = (0, react_1.useState)(null);
    const load = (0, use_async_action_1.useAsyncAction)((0, react_1.useCallback)(async (c) => {
        const page = await (0, board_1.listPosts)(c);
        setItems(page.items);
        setCursor(page.nextCursor);
    }, []));
    const more = (0, use_async_action_1.useAsyncAction)(async () => {
        if (!cursor)
            return;
        const page = await (0, board_1.listPosts)(category, cursor);
        setItems((prev) => [...(prev ?? []), ...page.items.filter((p) => !prev?.some((x) => x.id === p.id))]);
        setCursor(page.nextCursor);
    });
    (0, taro_1.useDidShow)(() => {
        (0, auth_1.whenLoggedIn)(() => load.run(category));
    });
    (0, taro_1.usePullDownRefresh)(() => {
        void load.run(category).finally(() => taro_1.default.stopPullDownRefresh());
    });
    (0, taro_1.useReachBottom)(() => void more.run());
    const resync = () => void load.run(category);
    (0, use_server_event_1.useServerEvent)('post:created', (p) => setItems((prev) => (0, board_1.applyPost)(prev ?? [], p, category)), resync);
    (0, use_server_event_1.useServerEvent)('post:updated', (p) => setItems((prev) => (0, board_1.applyPost)(prev ?? [], p, category)));
    (0, use_server_event_1.useServerEvent)('post:replied', (e) => setItems((prev) => (prev ? (0, board_1.applyReply)(prev, e) : prev)));
    (0, use_server_event_1.useServerEvent)('post:removed', (e) => setItems((prev) => prev?.filter((p) => p.id !== e.id) ?? prev));
    const pick = (c) => {
        setCategory(c);
        void load.run(c);
    };
    return (<page_frame_1.PageFrame testId="board-page">
      <components_1.View className="chips" data-testid="board-categories">
        {[null, ...contracts_1.POST_CATEGORIES].map((c) => (<components_1.View key={c ?? 'all'} className={`chip${category === c ? ' chip-active' : ''}`} data-testid={`board-cat-${c ?? '全部'}`} onClick={() => pick(c)}>
            {c ?? '全部'}
          </components_1.View>))}
      </components_1.View>
      <action_button_1.ActionButton primary testId="new-post" onClick={() => void taro_1.default.navigateTo({ url: '/pages/post-new/index' })}>
        我要留言
      </action_button_1.ActionButton>
      <error_banner_1.ErrorBanner message={load.error ?? more.error}/>
      <components_1.View className="gap"/>
      {items?.length === 0 && <components_1.View className="card muted center">还没有留言，来说第一句吧</components_1.View>}
      {items?.map((p) => (<post_card_1.PostCard key={p.id} post={p} onOpen={() => void taro_1.default.navigateTo({ url: `/pages/post/index?id=${p.id}` })}/>))}
      {cursor && (<action_button_1.ActionButton disabled={more.busy} onClick={() => void more.run()}>
          {more.busy ? '加载中…' : '加载更多'}
        </action_button_1.ActionButton>)}
    </page_frame_1.PageFrame>);
}
