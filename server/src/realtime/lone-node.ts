// Broadcasts of a node no other node listens to stay local: the PostgreSQL adapter would otherwise NOTIFY each one and deliver it to this node's own sockets only after that round trip.
//
// Measured in the tickets bench (one node, the default deployment): the adapter's publishing was ~5 % of the server's
// CPU per created ticket, and every ticket:created waited for a pg_notify statement before reaching the staff sockets.
import type { Namespace } from 'socket.io';

/** How long a count of listening nodes is believed: after that (a failing poll), every broadcast is published again. */
const COUNT_FRESH_MS = 3_000;

/** The part of ClusterAdapterWithHeartbeat (socket.io-adapter) used here: `nodesMap` is its list of the other nodes it heard. */
interface ClusterAdapterLike {
  nodesMap?: Map<string, number>;
  broadcast(packet: unknown, opts: { flags?: Record<string, unknown> } & Record<string, unknown>): unknown;
}

export interface LoneNode {
  /** Wraps the adapter factory: each namespace's broadcasts are local while the node is alone. */
  wrap<A>(make: (nsp: Namespace) => A): (nsp: Namespace) => A;
  /** What the last poll found: sessions listening on this deployment's channel (this node's own included). */
  listened(count: number, at?: number): void;
}

/**
 * Alone means both signs agree: the adapter has heard no other node (heartbeats reach it within ms of a node's start, and
 * a node silent for 10 s is forgotten), and PostgreSQL shows no other session listening (a fresh poll: this covers two
 * nodes that started together and missed each other's first heartbeat, or this node's own listener being down).
 */
export function loneNode(now: () => number = Date.now): LoneNode {
  let listeners = Infinity;
  let countedAt = -Infinity;
  const alone = (a: ClusterAdapterLike) => listeners <= 1 && now() - countedAt <= COUNT_FRESH_MS && a.nodesMap?.size === 0;
  return {
    listened(count, at = now()) {
      listeners = count;
      countedAt = at;
    },
    wrap(make) {
      // Socket.io constructs the adapter with `new`: a function (not an arrow) whose returned object is the instance.
      return function adapterOf(nsp: Namespace) {
        const adapter = make(nsp) as unknown as ClusterAdapterLike;
        const broadcast = adapter.broadcast.bind(adapter);
        // The adapter's own switch for "this node only" (what io.local uses): no publish, straight to local delivery.
        adapter.broadcast = (packet, opts) => broadcast(packet, alone(adapter) ? { ...opts, flags: { ...opts.flags, local: true } } : opts);
        return adapter as unknown as ReturnType<typeof make>;
      };
    },
  };
}
