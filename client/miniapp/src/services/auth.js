"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HOME_PAGE = exports.LOGIN_PAGE = void 0;
exports.wechatLogin = wechatLogin;
exports.devLogin = devLogin;
exports.refreshMe = refreshMe;
exports.logout = logout;
exports.ensureLoggedIn = ensureLoggedIn;
exports.whenLoggedIn = whenLoggedIn;
// Resident login: WeChat code in the mini-program, the dev login (DEV_LOGIN=1) in H5; then the profile from /api/me.
const taro_1 = __importDefault(require("@tarojs/taro"));
const api_1 = require("./api");
const errors_1 = require("./errors");
const report_draft_1 = require("../store/report-draft");
const session_1 = require("../store/session");
exports.LOGIN_PAGE = '/pages/login/index';
exports.HOME_PAGE = '/pages/home/index';
(0, api_1.setUnauthorizedHandler)(() => {
    void taro_1.default.reLaunch({ url: exports.LOGIN_PAGE });
});
async function wechatLogin() {
    let code;
    try {
        ({ code } = await taro_1.default.login());
    }
    catch {
        throw new errors_1.ApiError('微信登录失败，请稍后重试', 0, 'NETWORK');
    }
    const r = await api_1.api.post('/auth/wechat/login', { code });
    (0, session_1.saveSession)({ token: r.token, resident: r.resident });
    return r.resident;
}
async function devLogin(openid, name) {
    const r = await api_1.api.post('/auth/dev/login', { openid, ...(name ? { name } : {}) });
    (0, session_1.saveSession)({ token: r.token, resident: r.resident });
    return r.resident;
}
/** Refreshes the profile (tags, household, channels) from the server. */
async function refreshMe() {
    const r = await api_1.api.get('/me');
    if (r.kind !== 'resident' || !r.resident)
        return null;
    (0, session_1.saveSession)({ token: session_1.session.get().token, resident: r.resident });
    return r.resident;
}
function logout() {
    (0, report_draft_1.clearDraftText)();
    (0, session_1.saveSession)({ token: null, resident: null });
    void taro_1.default.reLaunch({ url: exports.LOGIN_PAGE });
}
/** Pages call this on show: weapp logs in silently; H5 goes to the login page. Returns true when logged in. */
async function ensureLoggedIn() {
    if (session_1.session.get().token)
        return true;
    if (process.env.TARO_ENV === 'weapp') {
        try {
            await wechatLogin();
            return true;
        }
        catch {
            /* fall through to the login page, which shows the error and a retry button */
        }
    }
    void taro_1.default.reLaunch({ url: exports.LOGIN_PAGE });
    return false;
}
/** Runs a page's loader once the resident is logged in (pages call it from useDidShow). */
function whenLoggedIn(fn) {
    void ensureLoggedIn().then((ok) => {
        if (ok)
            void fn();
    });
}
