// Load process for the notice fan-out bench: thousands of minimal Socket.io clients (raw Engine.IO v4 over `ws`), driven over IPC.
//
// Why raw: socket.io-client costs ~10× the memory and CPU per connection; this client does only what a
// resident's phone does on the wire — open, CONNECT with the token, answer pings, receive events.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

interface Target {
  name: string;
  url: string;
  tokens: string[];
}

interface Client {
  ws: WebSocket;
  connected: boolean;
}

type Msg =
  | { cmd: 'connect'; targets: Target[]; concurrency: number }
  | { cmd: 'arm'; marker: string }
  | { cmd: 'collect'; marker: string }
  | { cmd: 'close' };

const clients = new Map<string, Client[]>();
let disconnects = 0;
let connectErrors = 0;
/** marker → receive times (epoch ms, sub-ms precision) per target. */
const received = new Map<string, Map<string, number[]>>();
const wallNow = () => performance.timeOrigin + performance.now();

function send(m: unknown) {
  process.send!(m);
}

function open(target: Target, token: string): Promise<Client> {
  return new Promise((resolve) => {
    const u = new URL(target.url);
    const ws = new WebSocket(`ws://${u.host}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    const c: Client = { ws, connected: false };
    let settled = false;
    const done = () => {
      if (!settled) {
        settled = true;
        resolve(c);
      }
    };
    ws.on('message', (data: Buffer) => {
      const s = data.toString();
      const type = s.charCodeAt(0);
      if (type === 48 /* '0' open */) {
        ws.send(`40${JSON.stringify({ token })}`);
      } else if (type === 50 /* '2' ping */) {
        ws.send('3');
      } else if (s.startsWith('40')) {
        c.connected = true;
        done();
      } else if (s.startsWith('44')) {
        connectErrors++;
        done();
      } else if (s.startsWith('42["notice:published"')) {
        const at = wallNow();
        const m = /"title":"(bench-[^"]+)"/.exec(s);
        if (m) {
          let per = received.get(m[1]!);
          if (!per) received.set(m[1]!, (per = new Map()));
          let arr = per.get(target.name);
          if (!arr) per.set(target.name, (arr = []));
          arr.push(at);
        }
      }
    });
    ws.on('close', () => {
      if (c.connected) disconnects++;
      c.connected = false;
      done();
    });
    ws.on('error', () => {
      connectErrors++;
      done();
    });
  });
}

async function connectAll(targets: Target[], concurrency: number) {
  for (const t of targets) {
    const list: Client[] = [];
    clients.set(t.name, list);
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < t.tokens.length) {
          const token = t.tokens[next++]!;
          list.push(await open(t, token));
        }
      }),
    );
  }
  const counts = Object.fromEntries([...clients].map(([k, v]) => [k, v.filter((c) => c.connected).length]));
  send({ ev: 'connected', counts, connectErrors });
}

process.on('message', (m: Msg) => {
  if (m.cmd === 'connect') void connectAll(m.targets, m.concurrency);
  else if (m.cmd === 'collect') {
    const per = received.get(m.marker) ?? new Map();
    const connected = Object.fromEntries([...clients].map(([k, v]) => [k, v.filter((c) => c.connected).length]));
    send({ ev: 'collected', marker: m.marker, times: Object.fromEntries(per), connected, disconnects });
    received.delete(m.marker);
  } else if (m.cmd === 'close') {
    for (const list of clients.values()) for (const c of list) c.ws.terminate();
    setTimeout(() => process.exit(0), 100);
  }
});

send({ ev: 'ready' });
