"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.useServerEvent = useServerEvent;
// Subscribes a component to a Socket.io event (and to the refetch signal after a reconnect) for its lifetime.
const react_1 = require("react");
const socket_1 = require("../services/realtime/socket");
const create_store_1 = require("../store/create-store");
const session_1 = require("../store/session");
function useServerEvent(event, handler, onResynced) {
    const h = (0, react_1.useRef)(handler);
    const r = (0, react_1.useRef)(onResynced);
    h.current = handler;
    r.current = onResynced;
    const { token } = (0, create_store_1.useStore)(session_1.session);
    (0, react_1.useEffect)(() => {
        if (!token)
            return undefined;
        const off = (0, socket_1.onServerEvent)(event, ((...args) => h.current(...args)));
        const offResync = (0, socket_1.onResync)(() => r.current?.());
        return () => {
            off();
            offResync();
        };
    }, [event, token]);
}
