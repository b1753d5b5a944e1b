"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Ticket detail page config (no pull-down refresh: the page follows the ticket live and refetches after reconnects).
exports.default = definePageConfig({ navigationBarTitleText: '工单详情' });
