// Where a demo stack may run on this machine: a free port for the app, a free loopback port for the bot's demo API, and a data directory no other running stack holds.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Whether `port` can be bound on `host` right now (the server binds it a moment later). */
export function portFree(port, host = '0.0.0.0') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** A port the kernel picks on 127.0.0.1 (free when asked; the bot binds it at once). */
export function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const STACK_FILE = 'stack.json';

/** The live stack that holds `dataDir` ({pid, port}), or null: a stack file left by a stack that died does not count. */
export function stackHolding(dataDir) {
  let held;
  try {
    held = JSON.parse(fs.readFileSync(path.join(dataDir, STACK_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (!Number.isInteger(held?.pid) || held.pid === process.pid) return null;
  try {
    process.kill(held.pid, 0);
    return held;
  } catch (err) {
    return err.code === 'EPERM' ? held : null;
  }
}

/** Marks `dataDir` as this stack's; `release()` clears the mark if it is still ours. */
export function holdDataDir(dataDir, port) {
  const file = path.join(dataDir, STACK_FILE);
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, port: Number(port) }), { mode: 0o600 });
  return () => {
    try {
      if (JSON.parse(fs.readFileSync(file, 'utf8')).pid === process.pid) fs.rmSync(file);
    } catch {
      /* already gone */
    }
  };
}
