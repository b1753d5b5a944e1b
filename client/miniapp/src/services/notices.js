"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.publicAlerts = exports.markNoticeRead = exports.getNotice = exports.listNotices = void 0;
exports.orderNotices = orderNotices;
exports.upsertNotice = upsertNotice;
exports.applyAlert = applyAlert;
// Notice API calls, public alerts for the home banner, and the home list ordering (unread first, then pinned, then newest).
const contracts_1 = require("@linli/contracts");
const api_1 = require("./api");
const listNotices = (cursor) => api_1.api.get(`/notices?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
exports.listNotices = listNotices;
const getNotice = (id) => api_1.api.get(`/notices/${id}`);
exports.getNotice = getNotice;
const markNoticeRead = (id) => api_1.api.post(`/notices/${id}/read`);
exports.markNoticeRead = markNoticeRead;
const publicAlerts = () => api_1.api.get('/alerts/public');
exports.publicAlerts = publicAlerts;
const time = (n) => new Date(n.publishedAt ?? n.createdAt).getTime();
function orderNotices(items) {
    return items.slice().sort((a, b) => Number(!!a.readAt) - Number(!!b.readAt) || Number(b.pinned) - Number(a.pinned) || time(b) - time(a));
}
/** Adds or replaces one notice (live push), keeping the list ordered. */
function upsertNotice(items, n) {
    return orderNotices([n, ...items.filter((x) => x.id !== n.id)]);
}
/** Keeps the banner list to open public alerts, applying a live update. */
function applyAlert(items, a) {
    const rest = items.filter((x) => x.id !== a.id);
    return a.audience === 'public' && contracts_1.OPEN_ALERT_STATUSES.includes(a.status) ? [a, ...rest] : rest;
}
