// Demo mode's local HTTP API (群聊模拟): speak in the simulated group as a resident, read what was said, see the group's mode and bindings. Loopback only, bot token required.
import http from 'node:http';
import { BotDemoSay, type BotDemoGroup, type BotDemoMessage, type BotGroupMode, type WechatBindingDto } from '@linli/contracts';
import type { MockCommunity } from './mock-community';

const MAX_BODY = 6 * 1024 * 1024;

export function toDemoMessages(c: MockCommunity, since: number, botName: string): BotDemoMessage[] {
  return c.said
    .filter((m) => m.at > since)
    .map((m) => ({
      at: new Date(m.at).toISOString(),
      from: m.from,
      bot: m.from === botName,
      text: m.type === 2 ? '[语音]' : m.text,
      ...(m.roomId ? { room: String(c.room.payload.topic) } : {}),
    }));
}

export interface DemoServerOptions {
  port: number;
  token: string;
  botName: string;
  mode: BotGroupMode;
  /** The server's binding of a contact id (the same lookup the bot makes), or null. */
  binding: (contactId: string) => Promise<WechatBindingDto | null>;
}

export async function demoGroup(c: MockCommunity, o: Pick<DemoServerOptions, 'mode' | 'binding'>): Promise<BotDemoGroup> {
  const members = await Promise.all(
    [...c.residents.entries()].map(async ([name, contact]) => {
      const b = await o.binding(contact.id).catch(() => null);
      return { name, ...(b ? { bound: { residentName: b.residentName, relation: b.relation } } : {}) };
    }),
  );
  return { topic: String(c.room.payload.topic), mode: o.mode, members };
}

export async function startDemoServer(c: MockCommunity, o: DemoServerOptions): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${o.token}`) return send(401, { error: { code: 'UNAUTHORIZED', message: '请先登录' } });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/messages') {
      const since = Number(url.searchParams.get('since') ?? 0) || 0;
      return send(200, { items: toDemoMessages(c, since, o.botName), now: Date.now() });
    }
    if (req.method === 'GET' && url.pathname === '/group') {
      void demoGroup(c, o).then((g) => send(200, g), () => send(503, { error: { code: 'UNAVAILABLE', message: '暂时无法读取绑定情况' } }));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/say') {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (ch: Buffer) => {
        size += ch.length;
        if (size > MAX_BODY) req.destroy();
        else chunks.push(ch);
      });
      req.on('end', () => {
        let parsed: ReturnType<typeof BotDemoSay.safeParse>;
        try {
          parsed = BotDemoSay.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          return send(422, { error: { code: 'VALIDATION', message: '提交的内容有误' } });
        }
        if (!parsed.success) return send(422, { error: { code: 'VALIDATION', message: parsed.error.issues[0]?.message ?? '提交的内容有误' } });
        const b = parsed.data;
        const at = Date.now();
        if (b.voiceBase64) c.sayVoice(b.name, Buffer.from(b.voiceBase64, 'base64'), { private: b.private });
        if (b.text) c.say(b.name, b.text, { private: b.private });
        send(202, { accepted: true, at });
      });
      return;
    }
    send(404, { error: { code: 'NOT_FOUND', message: '接口不存在' } });
  });
  await new Promise<void>((r) => server.listen(o.port, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
