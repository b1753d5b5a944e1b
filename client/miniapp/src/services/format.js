"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatTime = formatTime;
exports.formatAddress = formatAddress;
const pad = (n) => String(n).padStart(2, '0');
/** Times are stored in UTC and always shown in Beijing time, whatever the phone's zone. */
function formatTime(iso) {
    if (!iso)
        return '';
    const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
    if (Number.isNaN(d.getTime()))
        return '';
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
function formatAddress(a) {
    if (!a)
        return '';
    return [a.building, a.unit, a.room].filter(Boolean).join(' ');
}
