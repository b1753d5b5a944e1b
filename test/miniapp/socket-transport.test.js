"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// The mini-program's Taro.connectSocket transport for socket.io, driven against the real server with a SocketTask made from `ws`
// (what WeChat's SocketTask does, minus WeChat): it connects with the token, receives ticket:updated, and reconnects after a drop.
const socket_io_client_1 = require("socket.io-client");
const ws_1 = __importDefault(require("ws"));
const harness_1 = require("../../server/src/test-support/harness");
const taro_transport_1 = require("../../client/miniapp/src/services/realtime/taro-transport");
let server;
const opened = [];
/** A SocketTask the way Taro.connectSocket resolves one: callbacks registered after the promise settles. */
async function connectSocket({ url }) {
    const ws = new ws_1.default(url);
    opened.push(ws);
    return {
        send: ({ data }) => ws.send(data),
        close: () => ws.close(),
        onOpen: (cb) => ws.on('open', cb),
        onMessage: (cb) => ws.on('message', (data, isBinary) => cb({ data: isBinary ? data : data.toString() })),
        onClose: (cb) => ws.on('close', (code, reason) => cb({ code, reason: reason.toString() })),
        onError: (cb) => ws.on('error', cb),
    };
}
beforeAll(async () => {
    server = await (0, harness_1.startTestServer)();
});
afterAll(async () => {
    await server?.close();
});
test('a resident socket over the Taro transport gets ticket:updated, and reconnects after the connection drops', async () => {
    const staff = await server.loginStaff();
    const { token } = await server.loginResident('demo-resident');
    const Transport = (0, taro_transport_1.taroTransport)(connectSocket);
    const socket = (0, socket_io_client_1.io)(server.url.replace(/^http/, 'ws'), { auth: { token }, transports: [Transport], reconnectionDelay: 100, reconnectionDelayMax: 200 });
    try {
        await new Promise((resolve, reject) => {
            socket.once('connect', resolve);
            socket.once('connect_error', reject);
        });
        expect(socket.io.engine.transport.name).toBe('websocket');
        const created = await server.request('POST', '/api/tickets', { token, body: { category: '电梯', description: '电梯门关不上', channel: 'app' } });
        expect(created.status).toBe(201);
        const updated = (0, harness_1.nextEvent)(socket, 'ticket:updated', 5000, (t) => t.id === created.body.id && t.status === 'accepted');
        await server.request('POST', `/api/tickets/${created.body.id}/transition`, { token: staff, body: { action: 'accept' } });
        expect((await updated).no).toBe(created.body.no);
        // Drop the underlying socket as a network change would; socket.io reconnects through the same transport.
        const reconnected = new Promise((resolve) => socket.io.once('reconnect', () => resolve()));
        opened.at(-1).terminate();
        await reconnected;
        const again = (0, harness_1.nextEvent)(socket, 'ticket:updated', 5000, (t) => t.id === created.body.id && t.status === 'in_progress');
        await server.request('POST', `/api/tickets/${created.body.id}/transition`, { token: staff, body: { action: 'start' } });
        expect((await again).status).toBe('in_progress');
    }
    finally {
        socket.disconnect();
    }
});
test('a bad token is refused at the handshake', async () => {
    const socket = (0, socket_io_client_1.io)(server.url.replace(/^http/, 'ws'), { auth: { token: 'nope' }, transports: [(0, taro_transport_1.taroTransport)(connectSocket)], reconnection: false });
    const err = await new Promise((resolve) => socket.once('connect_error', resolve));
    expect(err.message).toBe('UNAUTHORIZED');
    socket.disconnect();
});
