#!/usr/bin/env node
// `npm run build`: bundles server and bot to JavaScript with esbuild (the workspace contracts inlined, npm packages left to node_modules) and builds the front ends.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { ensureFerretDb } from './ensure-tools.mjs';
import { precompress } from './precompress.mjs';
import { ROOT, loadDotEnv } from './runtime.mjs';

const { values: flags } = parseArgs({
  options: {
    'no-front': { type: 'boolean' }, // server and bot only (the tests build the front ends once, separately)
    'no-typecheck': { type: 'boolean' },
  },
});
const log = (m) => console.log(`[build] ${m}`);
loadDotEnv();

function run(cmd, args) {
  log(`${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) {
    console.error(`[build] failed: ${cmd} ${args.join(' ')}`);
    process.exit(1);
  }
}

const readJson = (f) => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8'));
const CONTRACTS_SRC = path.join(ROOT, 'contracts', 'src', 'index.ts');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/**
 * @linli/contracts is TypeScript source (its package.json points at src/index.ts), so it is compiled into each
 * bundle; every other package stays an import resolved from node_modules at run time (production dependencies).
 */
const workspacePlugin = {
  name: 'linli-workspaces',
  setup(build) {
    build.onResolve({ filter: /^@linli\/contracts$/ }, () => ({ path: CONTRACTS_SRC }));
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@linli/') ? undefined : { path: args.path, external: true }));
  },
};

/** Bundles one workspace's entries; fails when the bundle imports a package its production dependencies do not declare. */
async function bundle(ws, entries, outdir) {
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(entries.map((e) => [path.basename(e, '.ts'), path.join(ROOT, ws, e)])),
    outdir: path.join(ROOT, ws, outdir),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true, // run with --enable-source-maps: stack traces name the TypeScript lines
    metafile: true,
    logLevel: 'warning',
    plugins: [workspacePlugin],
  });
  const declared = new Set([...Object.keys(readJson(`${ws}/package.json`).dependencies ?? {}), ...Object.keys(readJson('contracts/package.json').dependencies ?? {})]);
  const imported = new Set();
  for (const out of Object.values(result.metafile.outputs)) for (const i of out.imports) if (i.external) imported.add(i.path);
  const undeclared = [...imported].filter((p) => !builtins.has(p) && !declared.has(packageName(p)));
  if (undeclared.length) {
    console.error(`[build] ${ws} imports packages that are not among its production dependencies: ${undeclared.join(', ')}`);
    process.exit(1);
  }
  const bytes = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js')).reduce((n, [, o]) => n + o.bytes, 0);
  log(`${ws}/${outdir}: ${entries.length} entr${entries.length > 1 ? 'ies' : 'y'}, ${(bytes / 1024).toFixed(0)} KiB, ${Date.now() - started} ms`);
}

if (!flags['no-typecheck']) {
  for (const ws of ['contracts', 'server', 'bot']) run(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', `${ws}/tsconfig.json`, '--noEmit']);
}
// The embedded database's binary is built here, with the build tools, so a production start needs no Go.
ensureFerretDb();
for (const ws of ['server', 'bot']) fs.rmSync(path.join(ROOT, ws, 'dist'), { recursive: true, force: true });
await bundle('server', ['src/main.ts', 'src/db-main.ts', 'src/setup/setup-main.ts'], 'dist');
await bundle('bot', ['src/main.ts'], 'dist');

if (!flags['no-front']) {
  run('npm', ['run', 'build', '-w', 'client/panel']); // precompresses itself (its build script), so every panel build is served compressed
  run('npm', ['run', 'build:h5', '-w', 'client/miniapp']);
  const h5 = precompress(path.join(ROOT, 'client/miniapp/dist/h5'));
  log(`client/miniapp/dist/h5: ${h5.files} files precompressed, ${h5.rawKiB} KiB → ${h5.brKiB} KiB brotli`);
}
log('done — production: NODE_ENV=production npm start (node, production dependencies only)');
