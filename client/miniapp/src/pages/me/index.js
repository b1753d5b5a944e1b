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
exports.default = MePage;
// 我的: profile and household, daily check-in for the care programme, notification channels, elder-friendly switch, my tickets.
const components_1 = require("@tarojs/components");
const taro_1 = __importStar(require("@tarojs/taro"));
const react_1 = require("react");
const action_button_1 = require("../../components/action-button");
const care_checkin_1 = require("../../components/care-checkin");
const channel_consent_1 = require("../../components/channel-consent");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const use_async_action_1 = require("../../hooks/use-async-action");
const use_elder_1 = require("../../hooks/use-elder");
const auth_1 = require("../../services/auth");
const care_1 = require("../../services/care");
const format_1 = require("../../services/format");
const create_store_1 = require("../../store/create-store");
const elder_1 = require("../../store/elder");
const session_1 = require("../../store/session");
function MePage() {
    const { resident } = (0, create_store_1.useStore)(session_1.session);
    const elder = (0, use_elder_1.useElderMode)();
    const [care, setCare] = (0, react_1.useState)(null);
    const load = (0, use_async_action_1.useAsyncAction)(async () => {
        const [, c] = await Promise.all([(0, auth_1.refreshMe)(), (0, care_1.myCare)()]);
        setCare(c);
    });
    const check = (0, use_async_action_1.useAsyncAction)(async () => {
        await (0, care_1.checkIn)();
        setCare(await (0, care_1.myCare)());
    });
    (0, taro_1.useDidShow)(() => {
        (0, auth_1.whenLoggedIn)(() => load.run());
    });
    return (<page_frame_1.PageFrame testId="me-page">
      <error_banner_1.ErrorBanner message={load.error ?? check.error}/>
      <components_1.View className="card" data-testid="profile">
        <components_1.View className="section-title">{resident?.name ?? '未登录'}</components_1.View>
        {resident && (<>
            <components_1.View>住址：{(0, format_1.formatAddress)(resident) || '未登记'}</components_1.View>
            {resident.tags.length > 0 && <components_1.View className="muted">{resident.tags.join('、')}</components_1.View>}
            {resident.verified === false && <components_1.View className="muted">尚未与社区登记的住户信息关联，请到社区会客厅登记</components_1.View>}
          </>)}
      </components_1.View>
      {care && <care_checkin_1.CareCheckin care={care} busy={check.busy} onCheckIn={() => void check.run()}/>}
      <components_1.View className="card row between">
        <components_1.View className="grow">
          <components_1.View className="strong">大字模式（适老化）</components_1.View>
          <components_1.View className="muted">更大的字、更高的对比度、更大的按钮</components_1.View>
        </components_1.View>
        <components_1.Switch checked={elder} color="#c8102e" data-testid="elder-switch" onChange={(e) => (0, elder_1.setElderMode)(e.detail.value)}/>
      </components_1.View>
      {resident && <channel_consent_1.ChannelConsent channels={resident.channels ?? []}/>}
      <action_button_1.ActionButton testId="my-tickets" onClick={() => void taro_1.default.navigateTo({ url: '/pages/tickets/index' })}>
        我的工单
      </action_button_1.ActionButton>
      <action_button_1.ActionButton testId="logout" onClick={auth_1.logout}>
        退出登录
      </action_button_1.ActionButton>
    </page_frame_1.PageFrame>);
}
