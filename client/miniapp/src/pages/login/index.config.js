"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Login page config.
exports.default = definePageConfig({ navigationBarTitleText: '登录' });
