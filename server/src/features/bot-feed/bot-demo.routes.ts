// Demo mode (群聊模拟) route table: staff speak in the bot's simulated group as a resident and read the conversation, proxied to the bot's loopback API.
import { z } from 'zod';
import { BotDemoSay } from '@linli/contracts';
import type { Config } from '../../config';
import { route, type AnyRoute } from '../../core/feature';
import { AppError } from '../../core/errors';

const MessagesQuery = z.object({ since: z.coerce.number().int().min(0).default(0) }).strict();

/** The bot's demo API listens on 127.0.0.1:3011 unless BOT_DEMO_PORT says otherwise; production has no demo. */
const DEFAULT_DEMO_URL = 'http://127.0.0.1:3011';

export function botDemoRoutes(config: Config): AnyRoute[] {
  const demoUrl = config.BOT_DEMO_URL ?? (config.LINLI_MODE === 'demo' ? DEFAULT_DEMO_URL : undefined);

  const call = async (path: string, init: RequestInit = {}) => {
    if (!demoUrl) throw new AppError('NOT_FOUND', '群聊模拟未开启（机器人不在演示模式）');
    let res: Response;
    try {
      res = await fetch(demoUrl + path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${config.BOT_TOKEN}` },
        signal: AbortSignal.timeout(5000),
      });
    } catch {
      throw new AppError('UNAVAILABLE', '群聊模拟暂时不可用，请确认机器人已启动');
    }
    const payload = await res.json().catch(() => ({}));
    if (!res.ok) throw new AppError(res.status >= 400 && res.status < 500 ? 'VALIDATION' : 'UNAVAILABLE', (payload as { error?: { message?: string } }).error?.message ?? '群聊模拟出错');
    return { status: res.status, payload };
  };

  return [
    route({
      method: 'get', path: '/api/bot/demo/messages', auth: 'staff', query: MessagesQuery, errors: ['NOT_FOUND', 'UNAVAILABLE'],
      summary: 'The simulated group conversation since a message number (demo mode only)',
      async handler({ query }) {
        return (await call(`/messages?since=${query.since}`)).payload;
      },
    }),
    route({
      method: 'get', path: '/api/bot/demo/group', auth: 'staff', errors: ['NOT_FOUND', 'UNAVAILABLE'],
      summary: 'The simulated group: its mode (listen / auto / mention) and which members are bound to a resident (demo mode only)',
      async handler() {
        return (await call('/group')).payload;
      },
    }),
    route({
      method: 'post', path: '/api/bot/demo/say', auth: 'staff', body: BotDemoSay, status: 202, errors: ['NOT_FOUND', 'UNAVAILABLE'],
      summary: 'Say something (text or a voice clip) in the simulated group as a resident (demo mode only)',
      async handler({ ctx, body }) {
        const res = await call('/say', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        // The bot's own status (202 accepted) is passed through.
        ctx.status = res.status;
        return res.payload;
      },
    }),
  ];
}
