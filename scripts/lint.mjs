#!/usr/bin/env node
// `npm run lint`: strict type-check of every workspace (tsc --noEmit), eslint over the whole tree, and the architecture rules.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspaces = ['contracts', 'server', 'bot', 'client/panel', 'client/miniapp', 'test'];
let failed = false;
for (const ws of workspaces) {
  const cfg = path.join(ROOT, ws, 'tsconfig.json');
  if (!fs.existsSync(cfg)) continue;
  console.log(`[lint] tsc ${ws}`);
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', cfg, '--noEmit'], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) failed = true;
}
console.log('[lint] eslint');
const e = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'eslint'), ['.'], { stdio: 'inherit', cwd: ROOT });
if (e.status !== 0) failed = true;
// Architecture rules (.dependency-cruiser.cjs): core knows no feature, services stay off HTTP, repositories stay in their feature.
console.log('[lint] architecture (dependency-cruiser)');
const dc = spawnSync(
  path.join(ROOT, 'node_modules', '.bin', 'depcruise'),
  ['--config', '.dependency-cruiser.cjs', 'server/src', 'bot/src', 'contracts/src', 'client/panel/src', 'client/miniapp/src'],
  { stdio: 'inherit', cwd: ROOT },
);
if (dc.status !== 0) failed = true;
process.exit(failed ? 1 : 0);
