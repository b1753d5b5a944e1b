"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Wish-list round page config.
exports.default = definePageConfig({ navigationBarTitleText: '心愿投票' });
