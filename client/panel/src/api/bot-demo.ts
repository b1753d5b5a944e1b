// Typed calls to the group bot's demo mode (群聊模拟), proxied by the server to the bot process.
import type { BotDemoGroup, BotDemoMessage, BotDemoSay } from '@linli/contracts';
import { get, post } from './http';

export const botDemoApi = {
  messages: (since: number) => get<{ items: BotDemoMessage[]; now: number }>(`/api/bot/demo/messages?since=${since}`),
  group: () => get<BotDemoGroup>('/api/bot/demo/group'),
  say: (b: Partial<BotDemoSay> & { name: string }) => post<{ accepted: boolean; at: number }>('/api/bot/demo/say', b),
};
