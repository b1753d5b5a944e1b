// How the scripts run Linli's processes: the .env file they load, and each entry as built JavaScript (node) or as TypeScript source (tsx).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each process: its TypeScript source and the bundle `npm run build` makes of it. */
export const ENTRIES = {
  server: { src: 'server/src/main.ts', dist: 'server/dist/main.js' },
  db: { src: 'server/src/db-main.ts', dist: 'server/dist/db-main.js' },
  setup: { src: 'server/src/setup/setup-main.ts', dist: 'server/dist/setup-main.js' },
  bot: { src: 'bot/src/main.ts', dist: 'bot/dist/main.js' },
};

/** The .env file: LINLI_ENV_FILE, else .env at the root. */
export const envFile = () => path.resolve(ROOT, process.env.LINLI_ENV_FILE || '.env');

/**
 * Loads the .env file into process.env when it exists. The environment wins over the file (Node's own parser and
 * rule, as with `node --env-file`), so `PORT=4000 npm start` overrides what the file says.
 */
export function loadDotEnv() {
  const file = envFile();
  if (!fs.existsSync(file)) return null;
  process.loadEnvFile(file);
  return file;
}

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Production (NODE_ENV=production), or an install without dev packages, runs the build; development runs the sources. */
export const useBuild = () => process.env.NODE_ENV === 'production' || !fs.existsSync(TSX);

/**
 * [command, args] that runs an entry, or throws when the build it needs is missing. A one-off command (setup) may
 * fall back to its source while dev packages are installed: on a new host setup usually runs before the first build.
 */
export function entryCommand(name, { sourceFallback = false } = {}) {
  const e = ENTRIES[name];
  if (!useBuild()) return [TSX, [e.src]];
  const dist = path.join(ROOT, e.dist);
  if (!fs.existsSync(dist) && sourceFallback && fs.existsSync(TSX)) return [TSX, [e.src]];
  if (!fs.existsSync(dist)) throw new Error(`${e.dist} is missing: run \`npm run build\` first (production runs the built JavaScript)`);
  return [process.execPath, ['--enable-source-maps', dist]];
}
