// Typed client of the Linli server for the bot: tickets, uploads, the bot feed, FAQ and check-in, with the bot's service token.
import type {
  Address,
  BotFeedItemDto,
  BotGroupMembers,
  ErrorBody,
  FaqMatchResult,
  Reporter,
  TicketCategory,
  TicketDto,
  UploadDto,
  WechatBindingDto,
} from '@linli/contracts';

/** The server answered with an error; `retryable` when trying again later may succeed (5xx, 429, 401). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** 401 too: a wrong or rotated BOT_TOKEN is fixed by the operator, and the journaled reports must survive until then. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408 || this.status === 401;
  }
}

/** The server could not be reached at all (down, restarting, network). Always retryable. */
export class ServerUnreachable extends Error {
  readonly retryable = true;
}

/** Something outside the server failed for now (e.g. speech recognition): try again later. */
export class TryLater extends Error {
  readonly retryable = true;
}

export const isRetryable = (err: unknown): boolean =>
  err instanceof ServerUnreachable ||
  err instanceof TryLater ||
  (err instanceof ApiError && err.retryable) ||
  (err as { name?: string })?.name === 'TimeoutError';

export interface BotTicketCreate {
  category: TicketCategory;
  description?: string;
  channel: 'bot';
  reporter: Reporter;
  /** The building (and unit) the report names; without it the server uses the bound resident's home. */
  location?: Address;
  audio?: { uploadId: string; durationMs?: number; transcript?: string };
}

export class ServerApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    readonly communityId: string,
    private readonly timeoutMs = 10_000,
  ) {}

  private async call<T>(method: string, path: string, opts: { json?: unknown; form?: FormData; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      'x-community-id': this.communityId,
      ...opts.headers,
    };
    let body: string | FormData | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form) body = opts.form;
    let res: Response;
    try {
      res = await fetch(this.baseUrl + path, { method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      if ((err as { name?: string })?.name === 'TimeoutError') throw new ServerUnreachable(`服务器超时：${path}`);
      throw new ServerUnreachable(`无法连接服务器：${(err as Error).message}`);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const e = (parsed as ErrorBody | undefined)?.error;
      throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? `HTTP ${res.status}`);
    }
    return { status: res.status, body: parsed as T };
  }

  /** Same key → the same ticket (200 instead of 201), so a retried report never makes a second ticket. */
  async createTicket(input: BotTicketCreate, idempotencyKey: string): Promise<{ ticket: TicketDto; created: boolean }> {
    const r = await this.call<TicketDto>('POST', '/api/tickets', { json: input, headers: { 'idempotency-key': idempotencyKey } });
    return { ticket: r.body, created: r.status === 201 };
  }

  async upload(data: Buffer, filename: string, mime: string): Promise<UploadDto> {
    const form = new FormData();
    form.append('file', new Blob([data], { type: mime }), filename);
    return (await this.call<UploadDto>('POST', '/api/uploads', { form })).body;
  }

  async addTranscript(ticketId: string, transcript: string): Promise<TicketDto> {
    return (await this.call<TicketDto>('POST', `/api/tickets/${ticketId}/transcript`, { json: { transcript } })).body;
  }

  /** The asker's own (or household's) ticket; null when there is none by that number for them. */
  async ticketByNo(no: string, wechatId: string): Promise<TicketDto | null> {
    try {
      const q = new URLSearchParams({ wechatId });
      return (await this.call<TicketDto>('GET', `/api/tickets/by-no/${encodeURIComponent(no)}?${q}`)).body;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 422)) return null;
      throw err;
    }
  }

  async ticketsOf(who: { wechatName?: string; wechatId?: string }, limit = 5): Promise<TicketDto[]> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (who.wechatName) q.set('wechatName', who.wechatName);
    if (who.wechatId) q.set('wechatId', who.wechatId);
    return (await this.call<{ items: TicketDto[] }>('GET', `/api/bot/tickets?${q}`)).body.items;
  }

  /** Pending feed items; `outbox` reports the bot's own backlog with the poll (the server shows it on /metrics). */
  async feed(after?: string, limit = 50, outbox?: { depth: number; oldestSeconds: number }): Promise<BotFeedItemDto[]> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (after) q.set('after', after);
    if (outbox) {
      q.set('outbox', String(outbox.depth));
      q.set('outboxOldestSeconds', String(outbox.oldestSeconds));
    }
    return (await this.call<{ items: BotFeedItemDto[] }>('GET', `/api/bot/feed?${q}`)).body.items;
  }

  async ackFeed(id: string): Promise<void> {
    await this.call('POST', `/api/bot/feed/${id}/ack`);
  }

  /** FAQ auto-reply; null when there is no rule that fits or the FAQ feature is not deployed. */
  /** The FAQ's answer, or when none fits up to three nearby topics (您是不是想问…); nothing when FAQ is not deployed. */
  async faqAsk(text: string): Promise<FaqMatchResult> {
    try {
      const r = (await this.call<FaqMatchResult>('POST', '/api/faq/match', { json: { text } })).body;
      return { match: r.match ?? null, suggestions: r.suggestions ?? [] };
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 405 || err.status === 403)) return { match: null, suggestions: [] };
      throw err;
    }
  }

  /** Threads the place a resident named when asked back into the bot's own report that had none. */
  async locate(ticketId: string, location: Address): Promise<TicketDto> {
    return (await this.call<TicketDto>('POST', `/api/tickets/${ticketId}/location`, { json: { location } })).body;
  }

  /** Who is in one community group (the server shows staff the members nobody is bound to). */
  async reportGroupMembers(g: BotGroupMembers): Promise<void> {
    await this.call('POST', '/api/bot/group-members', { json: g });
  }

  /** Who a WeChat contact is bound to (issue 14); null when nobody. */
  async binding(contactId: string): Promise<WechatBindingDto | null> {
    try {
      return (await this.call<WechatBindingDto>('GET', `/api/bot/bindings?${new URLSearchParams({ contactId })}`)).body;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }

  /** Raw call for features whose contracts land later (check-in). */
  async post<T = unknown>(path: string, json: unknown): Promise<T> {
    return (await this.call<T>('POST', path, { json })).body;
  }
}
