#!/usr/bin/env node
// `npm test`: installs what is missing, builds the front ends the browser tests load, then runs every jest project.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFerretDb, ensureNodeModules, ensurePythonTools, ensureSystemPackages } from './ensure-tools.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, env = {}) {
  console.log(`\n[test] ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, env: { ...process.env, ...env } });
  return r.status ?? 1;
}

ensureNodeModules();
ensureFerretDb();
ensureSystemPackages();
ensurePythonTools();

// Front-end builds: the weapp build must succeed; panel and H5 builds are what the browser tests open.
const builds = [
  ['client/panel', 'build'],
  ['client/miniapp', 'build:h5'],
  ['client/miniapp', 'build:weapp'],
];
for (const [ws, script] of builds) {
  const pkg = path.join(ROOT, ws, 'package.json');
  if (!fs.existsSync(pkg) || !JSON.parse(fs.readFileSync(pkg, 'utf8')).scripts?.[script]) continue;
  if (run('npm', ['run', script, '-w', ws]) !== 0) {
    console.error(`[test] build failed: ${ws} ${script}`);
    process.exit(1);
  }
}

// ts-jest transpiles without type-checking: the strict type-check and eslint run here, once, for every workspace.
if (run('node', ['scripts/lint.mjs']) !== 0) {
  console.error('[test] lint failed');
  process.exit(1);
}

// silk-wasm's CommonJS entry uses a dynamic import, which jest's VM supports only with --experimental-vm-modules;
// that flag also makes jest load .mjs files as ES modules, which breaks the mini-program's Taro/swiper stack,
// so the mini-program's component tests run in a second pass without it.
const args = process.argv.slice(2);
// A larger heap as well as jest's worker memory limit (jest.config.js): the run is long and the machine has 24 GiB.
const heap = `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=6144`.trim();
const withVm = { NODE_OPTIONS: `${heap} --experimental-vm-modules` };
const first = run('npx', ['jest', '--ci', '--selectProjects', 'server', 'bot', 'panel', 'e2e', ...args], withVm);
const second = run('npx', ['jest', '--ci', '--selectProjects', 'miniapp', ...args], { NODE_OPTIONS: heap });
process.exit(first || second);
