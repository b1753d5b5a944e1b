"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = WishRoundPage;
// 心愿投票: a round's items with live vote counts; while it is open the household picks up to N items, once.
const components_1 = require("@tarojs/components");
const taro_1 = require("@tarojs/taro");
const react_1 = require("react");
const action_button_1 = require("../../components/action-button");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const wish_item_1 = require("../../components/wish-item");
const use_async_action_1 = require("../../hooks/use-async-action");
const use_server_event_1 = require("../../hooks/use-server-event");
const auth_1 = require("../../services/auth");
const errors_1 = require("../../services/errors");
const format_1 = require("../../services/format");
const wishlist_1 = require("../../services/wishlist");
function WishRoundPage() {
    const { params } = (0, taro_1.useRouter)();
    const id = String(params.id ?? '');
    const [round, setRound] = (0, react_1.useState)(null);
    const [picked, setPicked] = (0, react_1.useState)([]);
    const load = (0, use_async_action_1.useAsyncAction)((0, react_1.useCallback)(async () => setRound(await (0, wishlist_1.getRound)(id)), [id]));
    const vote = (0, use_async_action_1.useAsyncAction)(async () => {
        if (picked.length === 0)
            throw new errors_1.ApiError('请至少选择 1 项', 0, 'VALIDATION');
        const r = await (0, wishlist_1.castVote)(id, picked);
        setRound((prev) => (prev ? { ...prev, tally: r.tally, myVote: r.vote } : prev));
    });
    (0, taro_1.useDidShow)(() => (0, auth_1.whenLoggedIn)(() => load.run()));
    (0, use_server_event_1.useServerEvent)('wishlist:updated', (e) => setRound((r) => (r ? (0, wishlist_1.applyWishUpdate)(r, e) : r)), () => void load.run());
    if (!round)
        return <page_frame_1.PageFrame testId="wish-round-page">{<error_banner_1.ErrorBanner message={load.error}/>}</page_frame_1.PageFrame>;
    const voting = round.phase === 'open' && !round.myVote;
    const toggle = (itemId) => setPicked((p) => (p.includes(itemId) ? p.filter((x) => x !== itemId) : p.length < round.maxChoices ? [...p, itemId] : p));
    return (<page_frame_1.PageFrame testId="wish-round-page">
      <components_1.View className="card">
        <components_1.View className="section-title">{round.title}</components_1.View>
        {round.description && <components_1.View>{round.description}</components_1.View>}
        <components_1.View className="muted">
          {(0, format_1.formatTime)(round.opensAt)} 至 {(0, format_1.formatTime)(round.closesAt)} · 每户可选 {round.maxChoices} 项 · 已有 {round.tally.households} 户参与
        </components_1.View>
        {round.myVote && (<components_1.View className="banner-ok gap" data-testid="my-vote">
            我家已{round.myVote.source === 'paper' ? '在居民代表大会上' : '在线'}投票（{(0, format_1.formatTime)(round.myVote.at)}），每户只能投一次。
          </components_1.View>)}
        {voting && <components_1.View className="gap">请选择最希望改造的项目（已选 {picked.length}/{round.maxChoices}）</components_1.View>}
      </components_1.View>
      {round.items.map((item) => (<wish_item_1.WishItem key={item.id} item={item} votes={(0, wishlist_1.votesFor)(round.tally, item.id)} selectable={voting} selected={voting ? picked.includes(item.id) : !!round.myVote?.itemIds.includes(item.id)} mine={!!round.myVote?.itemIds.includes(item.id)} onToggle={() => toggle(item.id)}/>))}
      <error_banner_1.ErrorBanner message={vote.error}/>
      {voting && (<action_button_1.ActionButton primary testId="wish-vote" disabled={vote.busy} onClick={() => void vote.run()}>
          {vote.busy ? '正在提交…' : `提交我家的选择（${picked.length} 项）`}
        </action_button_1.ActionButton>)}
    </page_frame_1.PageFrame>);
}
