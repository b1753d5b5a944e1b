// Posts what the server queued for the group (ticket progress, group notices, public-safety alerts): live over Socket.io, caught up over HTTP after being offline, never twice.
import fs from 'node:fs';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { Wechaty, WechatyPlugin } from 'wechaty';
import type { BotFeedItemDto, ClientToServerEvents, ServerToClientEvents } from '@linli/contracts';
import { isRetryable } from '../../api';
import { speak, type BotContext } from '../../context';

export interface BroadcastOptions {
  serverUrl: string;
  token: string;
  dataDir: string;
  /** Safety net besides the socket: look for pending items this often (ms). */
  pollMs?: number;
}

/** Local ledger of posted feed ids: an item posted but not yet acked (crash, server down) is acked, not posted again. */
class PostedLedger {
  private readonly ids = new Set<string>();
  private fd: number | null = null;
  constructor(private readonly file: string) {}
  open() {
    if (fs.existsSync(this.file)) {
      const all = fs.readFileSync(this.file, 'utf8').split('\n').filter((l) => /^[0-9a-f]{24}$/.test(l));
      const keep = all.slice(-2000);
      for (const id of keep) this.ids.add(id);
      fs.writeFileSync(this.file, keep.map((i) => i + '\n').join(''));
    }
    this.fd = fs.openSync(this.file, 'a');
  }
  has(id: string) {
    return this.ids.has(id);
  }
  add(id: string) {
    this.ids.add(id);
    if (this.fd !== null) {
      fs.writeSync(this.fd, id + '\n');
      fs.fsyncSync(this.fd);
    }
  }
  close() {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

export class FeedConsumer {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private readonly ledger: PostedLedger;
  private chain: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();
  private poll: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly ctx: BotContext,
    private readonly o: BroadcastOptions,
  ) {
    this.ledger = new PostedLedger(path.join(o.dataDir, 'feed-posted.log'));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.ledger.open();
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.o.serverUrl, {
      auth: { token: this.o.token, communityId: this.ctx.communityId },
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    s.on('connect', () => this.catchUp());
    s.on('bot:feed', (item) => this.enqueue(item));
    s.on('connect_error', (err) => this.ctx.log.debug('feed socket connect error', { err: err.message }));
    this.socket = s;
    this.poll = setInterval(() => this.catchUp(), this.o.pollMs ?? 60_000);
    this.poll.unref?.();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.poll) clearInterval(this.poll);
    this.socket?.disconnect();
    this.socket = null;
    await this.chain.catch(() => undefined);
    this.ledger.close();
  }

  /** Fetches everything pending (page by page) and posts it in order. */
  catchUp(): void {
    this.chain = this.chain.then(async () => {
      let after: string | undefined;
      for (let page = 0; page < 20 && this.running; page++) {
        let items: BotFeedItemDto[];
        try {
          items = await this.ctx.api.feed(after, 50, page === 0 ? this.ctx.outbox?.stats() : undefined);
        } catch (err) {
          if (!isRetryable(err)) this.ctx.log.warn('feed catch-up failed', { err: (err as Error).message });
          return;
        }
        for (const item of items) await this.process(item);
        if (items.length < 50) return;
        after = items[items.length - 1]!.id;
      }
    });
  }

  private enqueue(item: BotFeedItemDto): void {
    if (this.queued.has(item.id)) return;
    this.queued.add(item.id);
    this.chain = this.chain.then(() => this.process(item)).finally(() => this.queued.delete(item.id));
  }

  private async process(item: BotFeedItemDto): Promise<void> {
    if (!this.running) return;
    if (!this.ledger.has(item.id)) {
      if (!loggedIn(this.ctx.wechaty)) return; // stays pending on the server; the next catch-up posts it
      try {
        const posted = await this.post(item);
        if (!posted) this.ctx.log.warn('feed item has no reachable target; acknowledged without posting', { id: item.id, target: item.target });
      } catch (err) {
        this.ctx.log.warn('posting a feed item failed; will retry', { id: item.id, err: (err as Error).message });
        return;
      }
      this.ledger.add(item.id);
    }
    try {
      await this.ctx.api.ackFeed(item.id);
    } catch (err) {
      this.ctx.log.debug('feed ack failed; acked again at the next catch-up', { id: item.id, err: (err as Error).message });
    }
  }

  private async post(item: BotFeedItemDto): Promise<boolean> {
    const t = item.target;
    const w = this.ctx.wechaty;
    if (t.roomId || t.roomTopic || t.wechatId || t.wechatName) {
      return speak(w, { roomId: t.roomId, roomTopic: t.roomTopic, contactId: t.wechatId, contactName: t.wechatName }, item.text, true);
    }
    // No target: every community group.
    const rooms = await w.Room.findAll();
    let n = 0;
    for (const room of rooms) {
      if (!(await this.ctx.isCommunityRoom(room))) continue;
      await speak(w, { roomId: room.id }, item.text, false);
      n++;
    }
    return n > 0;
  }
}

export function BroadcastPlugin(consumer: FeedConsumer): WechatyPlugin {
  return (wechaty: Wechaty) => {
    // After a re-login the socket may already be up: catch up on what waited while the bot could not speak.
    const onLogin = () => {
      consumer.start();
      consumer.catchUp();
    };
    wechaty.on('login', onLogin);
    return () => void wechaty.off('login', onLogin);
  };
}

function loggedIn(w: Wechaty): boolean {
  try {
    return w.isLoggedIn;
  } catch {
    return false;
  }
}
