"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.getSocket = getSocket;
exports.onServerEvent = onServerEvent;
exports.onResync = onResync;
exports.isSocketConnected = isSocketConnected;
// The app's one Socket.io connection (weapp and h5 alike): connects with the session token, reconnects, and tells pages to refetch after a gap.
const taro_1 = __importDefault(require("@tarojs/taro"));
const socket_io_client_1 = require("socket.io-client");
const config_1 = require("../config");
const session_1 = require("../../store/session");
const taro_transport_1 = require("./taro-transport");
let socket = null;
let socketToken = null;
const resyncListeners = new Set();
const Transport = (0, taro_transport_1.taroTransport)((opts) => taro_1.default.connectSocket(opts));
function connect(token) {
    const s = (0, socket_io_client_1.io)((0, config_1.socketOrigin)(), {
        path: '/socket.io',
        auth: { token },
        transports: [Transport],
        reconnection: true,
        reconnectionDelay: 1000,
        reconnectionDelayMax: 10000,
    });
    let wasConnected = false;
    s.on('connect', () => {
        // Events sent while we were away are lost: every page that shows live data refetches.
        if (wasConnected)
            resyncListeners.forEach((fn) => fn());
        wasConnected = true;
    });
    return s;
}
/** The socket for the current session (created on first use, replaced when the token changes). */
function getSocket() {
    const { token } = session_1.session.get();
    if (token !== socketToken) {
        socket?.disconnect();
        socket = token ? connect(token) : null;
        socketToken = token;
    }
    return socket;
}
session_1.session.subscribe(() => {
    if (socket && session_1.session.get().token !== socketToken)
        getSocket();
});
function onServerEvent(event, handler) {
    const s = getSocket();
    if (!s)
        return () => { };
    s.on(event, handler);
    return () => {
        s.off(event, handler);
    };
}
function onResync(fn) {
    resyncListeners.add(fn);
    return () => resyncListeners.delete(fn);
}
function isSocketConnected() {
    return !!socket?.connected;
}
