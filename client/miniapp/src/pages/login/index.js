"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = LoginPage;
// Login: one-tap WeChat login in the mini-program; the dev login (openid + name) in H5 when the server allows it.
const components_1 = require("@tarojs/components");
const taro_1 = __importDefault(require("@tarojs/taro"));
const react_1 = require("react");
const action_button_1 = require("../../components/action-button");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const use_async_action_1 = require("../../hooks/use-async-action");
const errors_1 = require("../../services/errors");
const auth_1 = require("../../services/auth");
const isWeapp = process.env.TARO_ENV === 'weapp';
function LoginPage() {
    const [openid, setOpenid] = (0, react_1.useState)('');
    const [name, setName] = (0, react_1.useState)('');
    const login = (0, use_async_action_1.useAsyncAction)(async () => {
        if (isWeapp)
            await (0, auth_1.wechatLogin)();
        else {
            if (!/^[A-Za-z0-9_-]{3,64}$/.test(openid.trim()))
                throw new errors_1.ApiError('请填写正确的账号', 0, 'VALIDATION');
            await (0, auth_1.devLogin)(openid.trim(), name.trim() || undefined);
        }
        await taro_1.default.reLaunch({ url: auth_1.HOME_PAGE });
    });
    const invalid = !isWeapp && openid.length > 0 && !/^[A-Za-z0-9_-]{3,64}$/.test(openid.trim());
    return (<page_frame_1.PageFrame testId="login-page">
      <components_1.View className="card center">
        <components_1.View className="section-title">邻里 · 北门社区</components_1.View>
        <components_1.Text className="muted">报事、看通知、邻里留言，都在这里</components_1.Text>
      </components_1.View>
      <error_banner_1.ErrorBanner message={invalid ? '账号只能包含字母、数字、下划线和短横线（3-64 位）' : login.error}/>
      {isWeapp ? (<action_button_1.ActionButton primary testId="wechat-login" disabled={login.busy} onClick={() => void login.run()}>
          {login.busy ? '登录中…' : '微信一键登录'}
        </action_button_1.ActionButton>) : (<components_1.View className="card">
          <components_1.View className="field">
            <components_1.View className="label">账号（开发登录）</components_1.View>
            <components_1.Input className="input" data-testid="login-openid" value={openid} placeholder="例如 demo-resident" onInput={(e) => setOpenid(e.detail.value)}/>
          </components_1.View>
          <components_1.View className="field">
            <components_1.View className="label">姓名（可选）</components_1.View>
            <components_1.Input className="input" data-testid="login-name" value={name} placeholder="您的称呼" onInput={(e) => setName(e.detail.value)}/>
          </components_1.View>
          <action_button_1.ActionButton primary testId="login-submit" disabled={login.busy || invalid || !openid} onClick={() => void login.run()}>
            {login.busy ? '登录中…' : '登录'}
          </action_button_1.ActionButton>
          <components_1.View className="muted gap">仅在服务器开启开发登录（DEV_LOGIN=1）时可用；正式使用请在微信小程序中打开。</components_1.View>
        </components_1.View>)}
    </page_frame_1.PageFrame>);
}
