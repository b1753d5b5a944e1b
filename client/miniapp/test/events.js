"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.typeInto = typeInto;
exports.toggle = toggle;
// Simulates what Taro's web components emit: typing fires a CustomEvent whose detail carries the value.
const react_1 = require("@testing-library/react");
function typeInto(host, value) {
    (0, react_1.act)(() => {
        host.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
    });
}
function toggle(host, value) {
    (0, react_1.act)(() => {
        host.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }));
    });
}
