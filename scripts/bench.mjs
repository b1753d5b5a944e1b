#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn (each writes bench-results/<name>.json and .md).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFerretDb, ensureNodeModules } from './ensure-tools.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureNodeModules();
ensureFerretDb();
const only = process.argv.slice(2);
const dir = path.join(ROOT, 'bench');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();
fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
let failed = 0;
for (const f of files) {
  console.log(`\n[bench] ${f}`);
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(dir, f)], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) failed++;
}
const summary = files
  .map((f) => path.join(ROOT, 'bench-results', f.replace('.bench.ts', '.md')))
  .filter((p) => fs.existsSync(p))
  .map((p) => fs.readFileSync(p, 'utf8'))
  .join('\n');
fs.writeFileSync(path.join(ROOT, 'bench-results', 'SUMMARY.md'), summary);
console.log(`\n[bench] results in bench-results/ (${files.length} benches, ${failed} failed)`);
process.exit(failed ? 1 : 0);
