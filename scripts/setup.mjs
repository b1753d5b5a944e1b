#!/usr/bin/env node
// `npm run setup`: runs the setup command (server/src/setup/setup-main.ts, or its build) with the .env file it completes.
import { spawnSync } from 'node:child_process';
import { ROOT, entryCommand, envFile, loadDotEnv } from './runtime.mjs';

loadDotEnv();
let cmd;
try {
  cmd = entryCommand('setup', { sourceFallback: true });
} catch (err) {
  console.error(`[setup] ${err.message}`);
  process.exit(1);
}
const [bin, args] = cmd;
const r = spawnSync(bin, [...args, '--env-path', envFile(), ...process.argv.slice(2)], { stdio: 'inherit', cwd: ROOT });
process.exit(r.status ?? 1);
