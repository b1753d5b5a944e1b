"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.askFaq = void 0;
const api_1 = require("./api");
const askFaq = (text) => api_1.api.post('/faq/match', { text });
exports.askFaq = askFaq;
