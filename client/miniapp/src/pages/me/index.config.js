"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Me page config.
exports.default = definePageConfig({ navigationBarTitleText: '我的' });
