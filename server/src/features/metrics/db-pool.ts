// This node's database connection pool on /metrics, from the driver's pool (CMAP) events: connections in use and idle, operations waiting, and how long a checkout waited.
import type { MongoClient } from 'mongodb';
import type { Metrics } from '../../core/metrics';

type Ev = { connectionId?: number | string; address?: string; durationMS?: number };
const idOf = (e: Ev) => `${e.address ?? ''}#${e.connectionId ?? ''}`;

export function watchDbPool(client: MongoClient, metrics: Metrics): void {
  // Connections are tracked by id, so ones opened before these listeners count once they are first used.
  const open = new Set<string>();
  const inUse = new Set<string>();
  let waiting = 0;
  const checkout = metrics.histogram('linli_db_pool_checkout_seconds', 'Time an operation waited for a database connection', [], [0.001, 0.005, 0.025, 0.1, 0.5, 2.5, 10]);
  client.on('connectionCreated', (e: Ev) => open.add(idOf(e)));
  client.on('connectionClosed', (e: Ev) => {
    open.delete(idOf(e));
    inUse.delete(idOf(e));
  });
  client.on('connectionCheckOutStarted', () => waiting++);
  client.on('connectionCheckOutFailed', () => (waiting = Math.max(0, waiting - 1)));
  client.on('connectionCheckedOut', (e: Ev) => {
    waiting = Math.max(0, waiting - 1);
    open.add(idOf(e));
    inUse.add(idOf(e));
    if (typeof e.durationMS === 'number') checkout.observe(e.durationMS / 1000);
  });
  client.on('connectionCheckedIn', (e: Ev) => inUse.delete(idOf(e)));
  metrics.labelledGauge('linli_db_pool_connections', "This node's database connections by state", ['state'], () => [
    [{ state: 'in_use' }, inUse.size],
    [{ state: 'idle' }, Math.max(0, open.size - inUse.size)],
  ]);
  metrics.gauge('linli_db_pool_waiting', 'Operations of this node waiting for a database connection', () => waiting);
  metrics.gauge('linli_db_pool_max', "The pool's maximum size (maxPoolSize)", () => client.options.maxPoolSize ?? 0);
}
