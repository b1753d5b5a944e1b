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
exports.default = WishlistPage;
// 心愿清单: the renovation wish-list rounds (voting open, upcoming, closed) to open one.
const components_1 = require("@tarojs/components");
const taro_1 = __importStar(require("@tarojs/taro"));
const react_1 = require("react");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const use_async_action_1 = require("../../hooks/use-async-action");
const auth_1 = require("../../services/auth");
const format_1 = require("../../services/format");
const wishlist_1 = require("../../services/wishlist");
const PHASE = { upcoming: '即将开始', open: '投票中', closed: '已结束' };
function WishlistPage() {
    const [rounds, setRounds] = (0, react_1.useState)(null);
    const load = (0, use_async_action_1.useAsyncAction)(async () => setRounds((await (0, wishlist_1.listRounds)()).items));
    (0, taro_1.useDidShow)(() => (0, auth_1.whenLoggedIn)(() => load.run()));
    return (<page_frame_1.PageFrame testId="wishlist-page">
      <error_banner_1.ErrorBanner message={load.error}/>
      {rounds?.length === 0 && <components_1.View className="card muted center">暂无心愿清单</components_1.View>}
      {rounds?.map((r) => (<components_1.View key={r.id} className="card" data-testid="wish-round" onClick={() => void taro_1.default.navigateTo({ url: `/pages/wish-round/index?id=${r.id}` })}>
          <components_1.View className="row between">
            <components_1.View className="strong">{r.title}</components_1.View>
            <components_1.View className={`tag${r.phase === 'open' ? ' tag-pinned' : ''}`}>{PHASE[r.phase]}</components_1.View>
          </components_1.View>
          <components_1.View className="muted">
            {r.itemCount} 个心愿项 · 每户可选 {r.maxChoices} 项 · 截止 {(0, format_1.formatTime)(r.closesAt)}
          </components_1.View>
        </components_1.View>))}
    </page_frame_1.PageFrame>);
}
