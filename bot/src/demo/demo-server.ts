// Demo mode's local HTTP API (群聊模拟): speak in the simulated group as a resident and read what was said. Loopback only, bot token required.
import http from 'node:http';
import { BotDemoSay, type BotDemoMessage } from '@linli/contracts';
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

export async function startDemoServer(c: MockCommunity, o: { port: number; token: string; botName: string }): Promise<{ port: number; close(): Promise<void> }> {
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
