"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ACTION_TEXT = exports.URGEABLE = void 0;
exports.reporterActions = reporterActions;
exports.canUrge = canUrge;
exports.canRate = canRate;
// Which buttons a reporter sees on their ticket, from the shared transition table.
const contracts_1 = require("@linli/contracts");
exports.URGEABLE = ['submitted', 'accepted', 'assigned', 'in_progress'];
function reporterActions(t, now = Date.now()) {
    return (0, contracts_1.legalActions)(t.status, 'reporter').filter((a) => {
        if (a !== 'reopen')
            return true;
        const since = t.resolvedAt ? new Date(t.resolvedAt).getTime() : NaN;
        return Number.isFinite(since) && now - since <= contracts_1.REOPEN_WINDOW_MS;
    });
}
function canUrge(t) {
    return exports.URGEABLE.includes(t.status);
}
function canRate(t) {
    return (t.status === 'resolved' || t.status === 'closed') && !t.rating;
}
exports.ACTION_TEXT = {
    cancel: '撤销报事',
    close: '确认解决，关闭工单',
    reopen: '问题没解决，重新打开',
};
