"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadDraftText = loadDraftText;
exports.saveDraftText = saveDraftText;
exports.clearDraftText = clearDraftText;
// Keeps the typed part of an unsent report (category, description, location) across app restarts; photos and voice are session files.
const taro_1 = __importDefault(require("@tarojs/taro"));
const KEY = 'linli.reportDraft';
function loadDraftText() {
    try {
        const v = taro_1.default.getStorageSync(KEY);
        return v && typeof v === 'object' ? v : null;
    }
    catch {
        return null;
    }
}
function saveDraftText(d) {
    try {
        if (!d.category && !d.description.trim())
            taro_1.default.removeStorageSync(KEY);
        else
            taro_1.default.setStorageSync(KEY, { category: d.category, description: d.description, location: d.location });
    }
    catch {
        /* storage full or unavailable: the in-memory draft still stands */
    }
}
function clearDraftText() {
    try {
        taro_1.default.removeStorageSync(KEY);
    }
    catch {
        /* nothing to clear */
    }
}
