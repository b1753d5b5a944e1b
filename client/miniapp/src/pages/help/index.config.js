"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Help (常见问题) page config.
exports.default = definePageConfig({ navigationBarTitleText: '有问必答' });
