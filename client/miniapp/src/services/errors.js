"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OFFLINE_MESSAGE = exports.NETWORK_MESSAGE = exports.ApiError = void 0;
exports.fromResponse = fromResponse;
exports.messageOf = messageOf;
class ApiError extends Error {
    status;
    code;
    details;
    constructor(message, status, code, details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
        this.name = 'ApiError';
    }
}
exports.ApiError = ApiError;
const BY_STATUS = {
    400: '请求有误，请检查后重试',
    401: '登录已过期，请重新登录',
    403: '没有权限进行此操作',
    404: '内容不存在或已被删除',
    409: '状态已变化，请刷新后再试',
    413: '文件太大，请换一个小一些的文件',
    422: '填写的内容有误，请检查后重试',
    429: '操作太频繁，请稍后再试',
};
exports.NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';
exports.OFFLINE_MESSAGE = '当前没有网络，请联网后再提交，您填写的内容已保留';
const CODES = ['VALIDATION', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_LARGE', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL'];
/** Builds an ApiError from an HTTP status and whatever body came back. */
function fromResponse(status, body) {
    const err = body?.error;
    const code = CODES.includes(err?.code ?? '') ? err.code : status >= 500 ? 'INTERNAL' : 'VALIDATION';
    // Server messages for residents are Chinese already; 5xx details are never shown.
    const serverMsg = status < 500 && err?.message && /[\u4e00-\u9fa5]/.test(err.message) ? err.message : undefined;
    const message = serverMsg ?? BY_STATUS[status] ?? (status === 503 ? '服务暂时不可用，请稍后再试' : '服务器开小差了，请稍后再试');
    return new ApiError(message, status, code, err?.details);
}
/** The message to show for anything thrown. */
function messageOf(e) {
    if (e instanceof ApiError)
        return e.message;
    const errMsg = e?.errMsg;
    if (errMsg && /cancel/i.test(errMsg))
        return '已取消';
    if (errMsg && /fail/i.test(errMsg))
        return exports.NETWORK_MESSAGE;
    return '出了点问题，请稍后再试';
}
