"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Wish list rounds page config.
exports.default = definePageConfig({ navigationBarTitleText: '心愿清单' });
