"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Post detail page config.
exports.default = definePageConfig({ navigationBarTitleText: '留言详情' });
