"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.session = void 0;
exports.saveSession = saveSession;
exports.clearSession = clearSession;
// The logged-in resident and their token, persisted in Taro storage so a relaunch stays logged in.
const taro_1 = __importDefault(require("@tarojs/taro"));
const create_store_1 = require("./create-store");
const KEY = 'linli.session';
function load() {
    try {
        const s = taro_1.default.getStorageSync(KEY);
        if (s && typeof s === 'object' && s.token)
            return s;
    }
    catch {
        /* storage unavailable: start logged out */
    }
    return { token: null, resident: null };
}
exports.session = (0, create_store_1.createStore)(load());
function saveSession(s) {
    exports.session.set(s);
    try {
        if (s.token)
            taro_1.default.setStorageSync(KEY, s);
        else
            taro_1.default.removeStorageSync(KEY);
    }
    catch {
        /* keep the in-memory session */
    }
}
function clearSession() {
    saveSession({ token: null, resident: null });
}
