"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.api = void 0;
exports.setUnauthorizedHandler = setUnauthorizedHandler;
exports.request = request;
exports.uploadFile = uploadFile;
exports.assertOnline = assertOnline;
// The one HTTP client: adds the token, parses replies, and throws ApiError with a Chinese message on any failure.
const taro_1 = __importDefault(require("@tarojs/taro"));
const config_1 = require("./config");
const errors_1 = require("./errors");
const session_1 = require("../store/session");
/** Called when the server says the token is no longer valid (set by the auth module to route to login). */
let onUnauthorized = () => { };
function setUnauthorizedHandler(fn) {
    onUnauthorized = fn;
}
function authHeader() {
    const { token } = session_1.session.get();
    if (token)
        return { Authorization: `Bearer ${token}` };
    // One deployment may serve several communities: logins say which one this build belongs to.
    return config_1.COMMUNITY_ID ? { 'X-Community-Id': config_1.COMMUNITY_ID } : {};
}
function check(status, data) {
    if (status >= 200 && status < 300)
        return data;
    if (status === 401 && session_1.session.get().token) {
        (0, session_1.clearSession)();
        onUnauthorized();
    }
    throw (0, errors_1.fromResponse)(status, data);
}
async function request(method, path, data, headers = {}) {
    let res;
    try {
        res = await taro_1.default.request({
            url: config_1.API_BASE + path,
            method,
            data: data,
            header: { 'content-type': 'application/json', ...authHeader(), ...headers },
            dataType: 'json',
            timeout: 15000,
        });
    }
    catch {
        throw new errors_1.ApiError(errors_1.NETWORK_MESSAGE, 0, 'NETWORK');
    }
    return check(res.statusCode, res.data);
}
exports.api = {
    get: (path) => request('GET', path),
    post: (path, data, headers) => request('POST', path, data ?? {}, headers),
    patch: (path, data) => request('PATCH', path, data ?? {}),
};
/** Uploads one local file (photo or voice) as multipart field `file`. */
async function uploadFile(filePath, fileName) {
    let res;
    try {
        res = await taro_1.default.uploadFile({ url: `${config_1.API_BASE}/uploads`, filePath, name: 'file', fileName, header: authHeader(), timeout: 60000 });
    }
    catch {
        throw new errors_1.ApiError('上传失败，请检查网络后重试', 0, 'NETWORK');
    }
    let body = res.data;
    try {
        body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
    }
    catch {
        /* non-JSON error page */
    }
    return check(res.statusCode, body);
}
/** Refuses to start a submit while offline, so nothing is lost silently. */
async function assertOnline() {
    // H5's getNetworkType cannot see "offline"; the browser's own flag can.
    if (typeof navigator !== 'undefined' && navigator.onLine === false)
        throw new errors_1.ApiError(errors_1.OFFLINE_MESSAGE, 0, 'OFFLINE');
    try {
        const { networkType } = await taro_1.default.getNetworkType();
        if (networkType === 'none')
            throw new errors_1.ApiError(errors_1.OFFLINE_MESSAGE, 0, 'OFFLINE');
    }
    catch (e) {
        if (e instanceof errors_1.ApiError)
            throw e;
    }
}
