#!/usr/bin/env node
// `npm run server` (and `node scripts/run.mjs db|bot`): one process on its own with the .env settings — another server node, or a process a foreign supervisor runs.
import { spawn } from 'node:child_process';
import { ENTRIES, ROOT, entryCommand, loadDotEnv } from './runtime.mjs';

const name = process.argv[2];
if (!ENTRIES[name] || name === 'setup') {
  console.error(`usage: node scripts/run.mjs ${Object.keys(ENTRIES).filter((n) => n !== 'setup').join('|')}`);
  process.exit(2);
}
loadDotEnv();
let cmd;
try {
  cmd = entryCommand(name);
} catch (err) {
  console.error(`[run] ${err.message}`);
  process.exit(1);
}
// Its own process group: a server stopped while still starting leaves no FerretDB behind (the group is ended after it).
const child = spawn(cmd[0], [...cmd[1], ...process.argv.slice(3)], { cwd: ROOT, stdio: 'inherit', detached: true });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* nothing left */
  }
  process.exit(code ?? (signal ? 1 : 0));
});
