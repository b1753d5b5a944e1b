// The staff face: accounts with roles and buildings, their sessions and revocation; others use it to name assignees and to choose whom to tell.
import type { FeatureCore, LinliFace } from '../feature-core';
import { staffRoutes } from './staff.routes';
import { StaffService } from './staff.service';

export function staffFeature(core: Pick<FeatureCore, 'conn' | 'config' | 'tokens' | 'io' | 'log'>): LinliFace<StaffService> {
  const { config, io } = core;
  const staff = new StaffService(core.conn, {
    tokens: core.tokens,
    scryptLogN: config.TEST_SCRYPT_LOG_N,
    accessTtlSeconds: config.STAFF_ACCESS_TTL_SECONDS,
    sessionTtlSeconds: config.STAFF_SESSION_TTL_SECONDS,
    // A revoked account's live sockets end too, not only its next handshake (every node, through the adapter).
    onRevoked(staffId) {
      io.fetchSockets().then(
        (sockets) => {
          for (const s of sockets) if (s.data.principal?.kind === 'staff' && s.data.principal.id === staffId) s.disconnect(true);
        },
        (err: unknown) => core.log.warn({ err }, 'could not end the sockets of a revoked staff account'),
      );
    },
    // The revoking request waits for every other node's acknowledgement, or at most as long as an entry lives (after that
    // none cached before the revocation is used anywhere): either way the token is refused everywhere once it returns.
    async dropElsewhere(d, entriesLiveMs) {
      // Alone (or without an adapter that shares events, whose emit would never be acknowledged): no one to tell.
      if ((await io.of('/').adapter.serverCount().catch(() => 2)) <= 1) return;
      let timer: NodeJS.Timeout | undefined;
      const lived = new Promise<'lived'>((r) => (timer = setTimeout(() => r('lived'), entriesLiveMs)));
      const acked = io.serverSideEmitWithAck('staff:revoked', d).then(
        () => 'acked' as const,
        (err: Error) => (core.log.warn({ err: err.message }, 'a staff revocation was not acknowledged by every node'), 'failed' as const),
      );
      // A failed emit proves nothing: then only the entries' lifetime does.
      if ((await Promise.race([acked, lived])) === 'failed') await lived;
      clearTimeout(timer);
    },
  });
  io.on('staff:revoked', (d, ack) => {
    staff.dropCached(d);
    ack(true);
  });
  return { name: 'staff', api: staff, routes: staffRoutes(staff) };
}
