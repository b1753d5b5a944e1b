"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.monthEntries = exports.listStatements = void 0;
exports.shares = shares;
const api_1 = require("./api");
const listStatements = () => api_1.api.get('/ledger/statements?limit=24');
exports.listStatements = listStatements;
const monthEntries = (month, cursor) => api_1.api.get(`/ledger/entries?month=${month}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
exports.monthEntries = monthEntries;
/** Share of each category in a total, as whole percents for bar widths (largest first). */
function shares(byCategory) {
    const total = byCategory.reduce((s, c) => s + Math.max(0, c.amount), 0);
    return byCategory
        .filter((c) => c.amount > 0)
        .sort((a, b) => b.amount - a.amount)
        .map((c) => ({ ...c, percent: total ? Math.max(1, Math.round((c.amount * 100) / total)) : 0 }));
}
