// Loads a pg_dump of the embedded database into a fresh private cluster (npm run restore, through db-main --restore) and counts the rows it restored.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PG_BIN_DIR, startPgCluster } from './postgres-cluster';

/** Restores `dumpFile` (pg_dump -Fc) into the cluster in `dbDir` (created now; it must not hold one yet); returns rows per table. */
export async function restorePostgres(dbDir: string, dumpFile: string): Promise<Record<string, number>> {
  if (fs.existsSync(path.join(dbDir, 'pg', 'PG_VERSION'))) throw new Error(`${dbDir} already holds a database cluster`);
  fs.mkdirSync(dbDir, { recursive: true, mode: 0o700 });
  const cluster = await startPgCluster({ dir: dbDir });
  try {
    const a = cluster.address;
    const r = spawnSync(path.join(PG_BIN_DIR, 'pg_restore'), ['--exit-on-error', '--no-owner', '-h', a.host, '-p', String(a.port), '-U', a.user, '-d', a.database, dumpFile], {
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: a.password },
    });
    if (r.status !== 0) throw new Error(`pg_restore failed: ${r.stderr || r.error?.message}`);
    const client = new pg.Client(a);
    await client.connect();
    try {
      const tables = (await client.query<{ schemaname: string; tablename: string }>("SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2")).rows;
      const rows: Record<string, number> = {};
      const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
      for (const t of tables) rows[`${t.schemaname}.${t.tablename}`] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q(t.schemaname)}.${q(t.tablename)}`)).rows[0]!.n;
      return rows;
    } finally {
      await client.end();
    }
  } finally {
    await cluster.stop();
  }
}
