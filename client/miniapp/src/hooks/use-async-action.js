"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.useAsyncAction = useAsyncAction;
// Runs a user action once at a time and keeps its Chinese error message for display.
const react_1 = require("react");
const errors_1 = require("../services/errors");
function useAsyncAction(fn) {
    const [busy, setBusy] = (0, react_1.useState)(false);
    const [error, setError] = (0, react_1.useState)(null);
    const running = (0, react_1.useRef)(false);
    const run = (0, react_1.useCallback)(async (...args) => {
        if (running.current)
            return undefined;
        running.current = true;
        setBusy(true);
        setError(null);
        try {
            return await fn(...args);
        }
        catch (e) {
            setError((0, errors_1.messageOf)(e));
            return undefined;
        }
        finally {
            running.current = false;
            setBusy(false);
        }
    }, [fn]);
    return { run, busy, error, setError };
}
