"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Message board page config.
exports.default = definePageConfig({ navigationBarTitleText: '留言板', enablePullDownRefresh: true });
