"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkIn = exports.myCare = void 0;
const api_1 = require("./api");
const myCare = () => api_1.api.get('/care/me');
exports.myCare = myCare;
const checkIn = () => api_1.api.post('/care/checkins', {});
exports.checkIn = checkIn;
