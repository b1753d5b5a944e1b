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
exports.default = HomePage;
// 首页: public alerts, shortcuts and notices (unread first); in elder-friendly mode only the two things that matter: report, read notices.
const components_1 = require("@tarojs/components");
const taro_1 = __importStar(require("@tarojs/taro"));
const alert_banner_1 = require("../../components/alert-banner");
const error_banner_1 = require("../../components/error-banner");
const notice_card_1 = require("../../components/notice-card");
const page_frame_1 = require("../../components/page-frame");
const use_elder_1 = require("../../hooks/use-elder");
const use_home_feed_1 = require("../../hooks/use-home-feed");
const auth_1 = require("../../services/auth");
const create_store_1 = require("../../store/create-store");
const session_1 = require("../../store/session");
const go = {
    report: () => void taro_1.default.switchTab({ url: '/pages/report/index' }),
    tickets: () => void taro_1.default.navigateTo({ url: '/pages/tickets/index' }),
    board: () => void taro_1.default.switchTab({ url: '/pages/board/index' }),
    help: () => void taro_1.default.navigateTo({ url: '/pages/help/index' }),
    ledger: () => void taro_1.default.navigateTo({ url: '/pages/ledger/index' }),
    wishlist: () => void taro_1.default.navigateTo({ url: '/pages/wishlist/index' }),
    notice: (id) => void taro_1.default.navigateTo({ url: `/pages/notice/index?id=${id}` }),
};
function HomePage() {
    const elder = (0, use_elder_1.useElderMode)();
    const { resident } = (0, create_store_1.useStore)(session_1.session);
    const feed = (0, use_home_feed_1.useHomeFeed)();
    (0, taro_1.useDidShow)(() => {
        (0, auth_1.whenLoggedIn)(() => feed.reload());
    });
    (0, taro_1.usePullDownRefresh)(() => {
        void feed.reload().finally(() => taro_1.default.stopPullDownRefresh());
    });
    const notices = (<components_1.View data-testid="notice-list">
      <components_1.View className="section-title">社区通知{feed.unread > 0 ? `（${feed.unread} 条未读）` : ''}</components_1.View>
      {feed.notices?.length === 0 && <components_1.View className="card muted center">暂无通知</components_1.View>}
      {feed.notices?.map((n) => <notice_card_1.NoticeCard key={n.id} notice={n} onOpen={() => go.notice(n.id)}/>)}
      {feed.hasMore && (<components_1.View className="btn" onClick={() => void feed.loadMore()}>
          {feed.loadingMore ? '加载中…' : '更多通知'}
        </components_1.View>)}
    </components_1.View>);
    return (<page_frame_1.PageFrame testId="home-page">
      <alert_banner_1.AlertBanner alerts={feed.alerts}/>
      <error_banner_1.ErrorBanner message={feed.error}/>
      <components_1.View className="section-title">{resident ? `${resident.name}，您好` : '您好'}</components_1.View>
      {elder ? (<>
          <components_1.View className="hero hero-report" data-testid="elder-report" onClick={go.report}>
            <components_1.View>我要报事</components_1.View>
            <components_1.View className="hero-sub">说一说、拍一拍，社区来处理</components_1.View>
          </components_1.View>
          {notices}
          <components_1.View className="btn" data-testid="elder-tickets" onClick={go.tickets}>
            我的报事进度
          </components_1.View>
        </>) : (<>
          <components_1.View className="shortcuts">
            <components_1.View className="shortcut" data-testid="shortcut-report" onClick={go.report}>
              <components_1.View className="shortcut-icon">报</components_1.View>
              报事
            </components_1.View>
            <components_1.View className="shortcut" data-testid="shortcut-tickets" onClick={go.tickets}>
              <components_1.View className="shortcut-icon">单</components_1.View>
              我的工单
            </components_1.View>
            <components_1.View className="shortcut" data-testid="shortcut-board" onClick={go.board}>
              <components_1.View className="shortcut-icon">言</components_1.View>
              留言板
            </components_1.View>
            <components_1.View className="shortcut" data-testid="shortcut-help" onClick={go.help}>
              <components_1.View className="shortcut-icon">问</components_1.View>
              有问必答
            </components_1.View>
            <components_1.View className="shortcut" data-testid="shortcut-ledger" onClick={go.ledger}>
              <components_1.View className="shortcut-icon">账</components_1.View>
              账目公开
            </components_1.View>
            <components_1.View className="shortcut" data-testid="shortcut-wishlist" onClick={go.wishlist}>
              <components_1.View className="shortcut-icon">愿</components_1.View>
              心愿清单
            </components_1.View>
          </components_1.View>
          {notices}
        </>)}
    </page_frame_1.PageFrame>);
}
