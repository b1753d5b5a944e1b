"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.elderChoice = void 0;
exports.elderDefault = elderDefault;
exports.isElderMode = isElderMode;
exports.setElderMode = setElderMode;
// Elder-friendly mode (适老化): the resident's own choice, or on by default for residents tagged 高龄.
const taro_1 = __importDefault(require("@tarojs/taro"));
const create_store_1 = require("./create-store");
const KEY = 'linli.elderMode';
function loadChoice() {
    try {
        const v = taro_1.default.getStorageSync(KEY);
        return typeof v === 'boolean' ? v : null;
    }
    catch {
        return null;
    }
}
/** null = the resident never chose; the default then follows their tags. */
exports.elderChoice = (0, create_store_1.createStore)(loadChoice());
function elderDefault(resident) {
    return !!resident?.tags?.includes('高龄');
}
function isElderMode(choice, resident) {
    return choice ?? elderDefault(resident);
}
function setElderMode(on) {
    exports.elderChoice.set(on);
    try {
        taro_1.default.setStorageSync(KEY, on);
    }
    catch {
        /* in-memory only */
    }
}
