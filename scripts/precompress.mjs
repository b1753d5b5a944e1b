#!/usr/bin/env node
// Brotli and gzip siblings of a built front end's text assets (`node scripts/precompress.mjs <dir>`, or import precompress()).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

/**
 * Made once at build time at the highest levels (too slow per request); the server's static handler serves `x.js.br` /
 * `x.js.gz` to clients that accept them. Returns what it did, for the build's log line.
 */
export function precompress(dir) {
  let files = 0;
  let raw = 0;
  let br = 0;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !/\.(js|mjs|css|html|svg|json|txt|map|wasm)$/.test(e.name)) continue;
    const file = path.join(e.parentPath ?? e.path, e.name);
    const data = fs.readFileSync(file);
    if (data.length < 1024) continue; // headers cost more than they save
    const b = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
    fs.writeFileSync(`${file}.br`, b);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    files++;
    raw += data.length;
    br += b.length;
  }
  return { files, rawKiB: Math.round(raw / 1024), brKiB: Math.round(br / 1024) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = path.resolve(process.argv[2] ?? '');
  if (!process.argv[2] || !fs.existsSync(dir)) {
    console.error('usage: node scripts/precompress.mjs <built dir>');
    process.exit(1);
  }
  const r = precompress(dir);
  console.log(`[precompress] ${dir}: ${r.files} files, ${r.rawKiB} KiB → ${r.brKiB} KiB brotli`);
}
