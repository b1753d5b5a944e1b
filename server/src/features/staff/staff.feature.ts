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
  });
  return { name: 'staff', api: staff, routes: staffRoutes(staff) };
}
