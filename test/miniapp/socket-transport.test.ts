// The mini-program's Taro.connectSocket transport for socket.io, driven against the real server with a SocketTask made from `ws`
// (what WeChat's SocketTask does, minus WeChat): it connects with the token, receives ticket:updated, and reconnects after a drop.
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { nextEvent, startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { taroTransport, type SocketTaskLike } from '../../client/miniapp/src/services/realtime/taro-transport';

let server: TestServer;
const opened: WebSocket[] = [];

/** A SocketTask the way Taro.connectSocket resolves one: callbacks registered after the promise settles. */
async function connectSocket({ url }: { url: string }): Promise<SocketTaskLike> {
  const ws = new WebSocket(url);
  opened.push(ws);
  return {
    send: ({ data }) => ws.send(data),
    close: () => ws.close(),
    onOpen: (cb) => ws.on('open', cb),
    onMessage: (cb) => ws.on('message', (data, isBinary) => cb({ data: isBinary ? new Uint8Array(data as Buffer).buffer : data.toString() })),
    onClose: (cb) => ws.on('close', (code, reason) => cb({ code, reason: reason.toString() })),
    onError: (cb) => ws.on('error', cb),
  };
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

test('a resident socket over the Taro transport gets ticket:updated, and reconnects after the connection drops', async () => {
  const staff = await server.loginStaff();
  const { token } = await server.loginResident('demo-resident');
  const Transport = taroTransport(connectSocket);
  const socket = io(server.url.replace(/^http/, 'ws'), { auth: { token }, transports: [Transport as any], reconnectionDelay: 100, reconnectionDelayMax: 200 });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    expect(socket.io.engine.transport.name).toBe('websocket');

    const created = await server.request('POST', '/api/tickets', { token, body: { category: '电梯', description: '电梯门关不上', channel: 'app' } });
    expect(created.status).toBe(201);
    const updated = nextEvent<any>(socket as any, 'ticket:updated', 5000, (t) => t.id === created.body.id && t.status === 'accepted');
    await server.request('POST', `/api/tickets/${created.body.id}/transition`, { token: staff, body: { action: 'accept' } });
    expect((await updated).no).toBe(created.body.no);

    // Drop the underlying socket as a network change would; socket.io reconnects through the same transport.
    const reconnected = new Promise<void>((resolve) => socket.io.once('reconnect', () => resolve()));
    opened.at(-1)!.terminate();
    await reconnected;
    const again = nextEvent<any>(socket as any, 'ticket:updated', 5000, (t) => t.id === created.body.id && t.status === 'in_progress');
    await server.request('POST', `/api/tickets/${created.body.id}/transition`, { token: staff, body: { action: 'start' } });
    expect((await again).status).toBe('in_progress');
  } finally {
    socket.disconnect();
  }
});

test('a bad token is refused at the handshake', async () => {
  const socket = io(server.url.replace(/^http/, 'ws'), { auth: { token: 'nope' }, transports: [taroTransport(connectSocket) as any], reconnection: false });
  const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
  expect(err.message).toBe('UNAUTHORIZED');
  socket.disconnect();
});
