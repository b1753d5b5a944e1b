"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.COMMUNITY_ID = exports.API_BASE = void 0;
exports.socketOrigin = socketOrigin;
exports.absoluteUrl = absoluteUrl;
// Where the server is: same-origin in H5 (served by it at /h5/), an absolute URL from .env in the mini-program.
const isH5 = process.env.TARO_ENV === 'h5';
exports.API_BASE = isH5 ? '/api' : (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000/api');
/** Community this build logs residents into (empty: the server's default community). */
exports.COMMUNITY_ID = process.env.TARO_APP_COMMUNITY_ID ?? '';
/** Origin of the socket.io endpoint, as a ws(s):// URL for Taro.connectSocket. */
function socketOrigin() {
    if (isH5 && typeof window !== 'undefined' && window.location) {
        return window.location.origin.replace(/^http/, 'ws');
    }
    return exports.API_BASE.replace(/\/api\/?$/, '').replace(/^http/, 'ws');
}
/** Absolute URL for an API path (uploads return paths like /api/uploads/:id?sig=...). */
function absoluteUrl(pathOrUrl) {
    if (/^https?:\/\//.test(pathOrUrl) || isH5)
        return pathOrUrl;
    return exports.API_BASE.replace(/\/api\/?$/, '') + pathOrUrl;
}
