"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Ledger page config.
exports.default = definePageConfig({ navigationBarTitleText: '账目公开' });
