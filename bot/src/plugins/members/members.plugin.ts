// Reports who is in each community group to the server — at login, when someone joins or leaves, and every 30 minutes — so staff see who has no binding yet.
import type { Wechaty, WechatyPlugin } from 'wechaty';
import type { BotContext } from '../../context';

const clip = (s: string, max: number) => Array.from(s.trim()).slice(0, max).join('');

export function MembersPlugin(ctx: BotContext, o: { everyMs?: number; debounceMs?: number } = {}): WechatyPlugin {
  return (wechaty: Wechaty) => {
    let pending: NodeJS.Timeout | undefined;
    const sync = async () => {
      const self = wechaty.isLoggedIn ? wechaty.currentUser.id : undefined;
      for (const room of await wechaty.Room.findAll()) {
        if (!(await ctx.isCommunityRoom(room))) continue;
        const members = (await room.memberAll()).filter((m) => m.id !== self).slice(0, 2000);
        const topic = clip(await room.topic(), 120);
        await ctx.api.reportGroupMembers({ roomId: room.id, ...(topic ? { topic } : {}), members: members.map((m) => ({ contactId: m.id, name: clip(m.name(), 60) })) });
      }
    };
    const soon = () => {
      clearTimeout(pending);
      pending = setTimeout(() => void sync().catch((err) => ctx.log.warn('group member sync failed', { err: (err as Error).message })), o.debounceMs ?? 2000);
      pending.unref?.();
    };
    const every = setInterval(soon, o.everyMs ?? 30 * 60_000);
    every.unref?.();
    wechaty.on('login', soon);
    wechaty.on('room-join', soon);
    wechaty.on('room-leave', soon);
    return () => {
      clearInterval(every);
      clearTimeout(pending);
      wechaty.off('login', soon);
      wechaty.off('room-join', soon);
      wechaty.off('room-leave', soon);
    };
  };
}
