"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// New post page config.
exports.default = definePageConfig({ navigationBarTitleText: '我要留言' });
