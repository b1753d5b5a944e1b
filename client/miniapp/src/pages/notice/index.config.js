"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Notice detail page config.
exports.default = definePageConfig({ navigationBarTitleText: '通知详情' });
