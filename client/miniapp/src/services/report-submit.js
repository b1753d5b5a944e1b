"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateDraft = validateDraft;
exports.submitReport = submitReport;
exports.newIdempotencyKey = newIdempotencyKey;
const api_1 = require("./api");
const errors_1 = require("./errors");
const tickets_1 = require("./tickets");
/** Remembers what was already uploaded, so a retry after a failure sends only what is missing. */
const uploaded = new Map();
async function uploadOnce(filePath, fileName) {
    const known = uploaded.get(filePath);
    if (known)
        return known;
    const u = await (0, api_1.uploadFile)(filePath, fileName);
    uploaded.set(filePath, u.id);
    return u.id;
}
function validateDraft(d) {
    if (!d.category)
        return '请选择问题类别';
    if (!d.description.trim() && !d.voice)
        return '请填写问题描述，或按住按钮说一段语音';
    if (d.description.trim().length > 2000)
        return '问题描述不能超过 2000 字';
    if (!d.location.building.trim())
        return '请填写楼号';
    return null;
}
function location(l) {
    const a = { building: l.building.trim() };
    if (l.unit.trim())
        a.unit = l.unit.trim();
    if (l.room.trim())
        a.room = l.room.trim();
    return a;
}
async function submitReport(d, idempotencyKey) {
    const invalid = validateDraft(d);
    if (invalid)
        throw new errors_1.ApiError(invalid, 0, 'VALIDATION');
    await (0, api_1.assertOnline)();
    const attachments = [];
    for (const p of d.photos)
        attachments.push(await uploadOnce(p, 'photo.jpg'));
    const audio = d.voice ? { uploadId: await uploadOnce(d.voice.filePath, 'voice.aac'), durationMs: d.voice.durationMs } : undefined;
    return (0, tickets_1.createTicket)({
        category: d.category,
        ...(d.description.trim() ? { description: d.description.trim() } : {}),
        location: location(d.location),
        attachments,
        ...(audio ? { audio } : {}),
    }, idempotencyKey);
}
function newIdempotencyKey() {
    return `app-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
