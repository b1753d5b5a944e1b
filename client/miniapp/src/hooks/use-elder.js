"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.useElderMode = useElderMode;
// Whether the current page renders in elder-friendly mode.
const elder_1 = require("../store/elder");
const session_1 = require("../store/session");
const create_store_1 = require("../store/create-store");
function useElderMode() {
    const choice = (0, create_store_1.useStore)(elder_1.elderChoice);
    const { resident } = (0, create_store_1.useStore)(session_1.session);
    return (0, elder_1.isElderMode)(choice, resident);
}
