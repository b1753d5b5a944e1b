"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStore = createStore;
exports.useStore = useStore;
// A tiny observable value with a React hook: enough shared state for this app without a state library.
const react_1 = require("react");
function createStore(initial) {
    let value = initial;
    const listeners = new Set();
    return {
        get: () => value,
        set(next) {
            value = typeof next === 'function' ? next(value) : next;
            listeners.forEach((fn) => fn(value));
        },
        subscribe(fn) {
            listeners.add(fn);
            return () => listeners.delete(fn);
        },
    };
}
function useStore(store) {
    const [v, setV] = (0, react_1.useState)(store.get());
    (0, react_1.useEffect)(() => {
        setV(store.get());
        return store.subscribe(setV);
    }, [store]);
    return v;
}
