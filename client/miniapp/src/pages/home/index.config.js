"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Home page config.
exports.default = definePageConfig({ navigationBarTitleText: '邻里 · 北门社区', enablePullDownRefresh: true });
