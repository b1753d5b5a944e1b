"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// My tickets page config.
exports.default = definePageConfig({ navigationBarTitleText: '我的工单', enablePullDownRefresh: true });
