// What a feature is, as data: its routes, the events it emits and hears, its timers and intervals, start/stop hooks, and the narrow service others may use.
import type { Context } from 'koa';
import type { z, ZodTypeAny } from 'zod';
import type { Principal, StaffRole } from '@linli/contracts';
import type { Migration } from './migrations';
import type { TimerHandler, TimerJob } from './timers/scheduler';

/**
 * Who may call a route. The adapter enforces it before the handler runs; finer rules (building scope, ownership) stay in the service.
 * - 'public': no token needed. 'device': a device key in the bearer header, checked by the handler.
 * - 'signed-in': any staff, resident or bot token. 'staff' / 'resident' / 'bot': that kind only.
 * - StaffRole[]: staff holding one of these roles (admin always passes).
 */
export type RouteAuth = 'public' | 'device' | 'signed-in' | 'staff' | 'resident' | 'bot' | readonly StaffRole[];

type Out<S> = S extends ZodTypeAny ? z.output<S> : undefined;

export interface RouteRequest<P, Q, B, A extends RouteAuth> {
  ctx: Context;
  principal: A extends 'public' | 'device' ? Principal | null : Principal;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

export interface RouteDef<P = unknown, Q = unknown, B = unknown, A extends RouteAuth = RouteAuth> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa-router style, e.g. '/api/tickets/:id'. */
  path: string;
  summary: string;
  description?: string;
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The request body is not JSON (multipart upload, spreadsheet): documented, streamed by the handler itself. */
  rawBody?: { contentType: string; description: string };
  /** Schema of the success body, for the API document; when absent it is described only. */
  response?: ZodTypeAny;
  /** Non-JSON success bodies (a file, CSV, a page). */
  responseType?: string;
  /** Success status (default 200); a handler may still set ctx.status itself (e.g. 200 for an idempotent replay). */
  status?: number;
  /** The path carries a secret (a provider callback token): logs show the route pattern instead of the path. */
  secretPath?: boolean;
  /**
   * This read also answers a big-screen token (read-only, no staff login): the function turns the answer into what a screen
   * in a public hall may show (residents' names and phones masked). Routes without it answer such a token with 403.
   */
  screen?: (body: unknown) => unknown;
  /** Error codes this operation may answer with besides VALIDATION/UNAUTHORIZED/FORBIDDEN (listed in the document). */
  errors?: readonly string[];
  handler(req: RouteRequest<P, Q, B, A>): Promise<unknown> | unknown;
}

/** Keeps a route's schema types attached to its handler (a plain array would widen them). */
export function route<P extends ZodTypeAny | undefined = undefined, Q extends ZodTypeAny | undefined = undefined, B extends ZodTypeAny | undefined = undefined, A extends RouteAuth = RouteAuth>(
  def: RouteDef<P, Q, B, A>,
): AnyRoute {
  return def as unknown as AnyRoute;
}

export type AnyRoute = RouteDef<ZodTypeAny | undefined, ZodTypeAny | undefined, ZodTypeAny | undefined, RouteAuth>;

/** One timer kind: how it fires, and how its pending jobs come back after a restart. */
export interface TimerDef {
  kind: string;
  /** Must be idempotent (a conditional update): a job may fire again after a crash mid-handler, or on another node for derived jobs. */
  fire: TimerHandler;
  /**
   * Called once at every start, after persisted timers are re-armed. Returned jobs with `persist` are stored unless a timer with that key
   * exists (so a boot never moves a deadline); the others are derived from domain documents and armed in memory only.
   */
  rearm?: () => Promise<Array<TimerJob & { persist?: boolean }>>;
}

/** Periodic in-process work (buffer flushes, pruning): run by the core, stopped before the database closes. */
export interface IntervalDef {
  name: string;
  everyMs: number;
  run(): Promise<void> | void;
}

/** A subscription entry: built with `on()` so its handler is typed by the event it names. */
export interface Subscription<E> {
  event: keyof E & string;
  handler(payload: never): void | Promise<void>;
}

export function on<E, K extends keyof E & string>(event: K, handler: (payload: E[K]) => void | Promise<void>): Subscription<E> {
  return { event, handler: handler as (payload: never) => void | Promise<void> };
}

export interface Face<E, Api = unknown> {
  name: string;
  /** The narrow service interface other features may use (never a repository or a model). */
  api: Api;
  routes?: AnyRoute[];
  /** Domain events this feature emits. */
  emits?: readonly (keyof E & string)[];
  /** Emitted events that may have no subscriber: an extension point others can hear (e.g. for a later integration). */
  publicEvents?: readonly (keyof E & string)[];
  subscriptions?: Subscription<E>[];
  timers?: TimerDef[];
  intervals?: IntervalDef[];
  /** Versioned changes to this feature's stored data, run once per database at start before anything serves (core/migrations.ts). */
  migrations?: Migration[];
  /** After the scheduler runs (timers armed): open connections, start listeners. */
  start?(): Promise<void> | void;
  /** Before the database closes. */
  stop?(): Promise<void> | void;
}
