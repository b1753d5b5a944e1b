"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Report page config.
exports.default = definePageConfig({ navigationBarTitleText: '报事' });
