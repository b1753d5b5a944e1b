// Writes or completes the deployment's .env: keeps every value already there, fills what is missing or empty (secrets generated), private to its owner.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface EnvEntry {
  key: string;
  /** Called only when the key is missing or empty, so a secret is generated once and never replaced. */
  value: () => string;
  /** A line of explanation written above the key when it is added. */
  comment?: string;
  /** A line left for the operator to fill: added when absent, an empty one is left alone. */
  placeholder?: boolean;
  /** For list-like keys (BOT_TOKENS): given the present non-empty value, the new one, or null to keep it. */
  merge?: (current: string) => string | null;
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/** A value as Node's env-file parser reads it: surrounding quotes removed, an inline `# comment` after an unquoted value dropped. */
function unquote(raw: string): string {
  const v = raw.trim();
  const q = /^(["'`])(.*)\1$/.exec(v);
  if (q) return q[2]!;
  return v.replace(/\s+#.*$/, '').trim();
}

/** Reads KEY=value pairs from an env file (missing file: none). */
export function readEnvFile(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = LINE.exec(line);
    if (m) out[m[1]!] = unquote(m[2]!);
  }
  return out;
}

/**
 * Adds the entries whose key is missing or empty and leaves everything else (values, comments, order) as it was.
 * Written through a temporary file and a rename, mode 0600: it holds the deployment's secrets.
 */
export function completeEnvFile(file: string, entries: EnvEntry[], header?: string): { added: string[] } {
  const existed = fs.existsSync(file);
  const lines = existed ? fs.readFileSync(file, 'utf8').replace(/\n$/, '').split('\n') : header ? [header] : [];
  const added: string[] = [];
  for (const e of entries) {
    const i = lines.findIndex((l) => LINE.exec(l)?.[1] === e.key);
    if (i >= 0 && e.placeholder) continue;
    const current = i >= 0 ? unquote(LINE.exec(lines[i]!)![2]!) : '';
    const merged = current !== '' && e.merge ? e.merge(current) : null;
    if (current !== '' && merged === null) continue;
    const line = `${e.key}=${merged ?? e.value()}`;
    if (i >= 0) lines[i] = line;
    else lines.push(...(e.comment ? ['', `# ${e.comment}`] : []), line);
    added.push(e.key);
  }
  if (added.length || !existed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${lines.join('\n')}\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  fs.chmodSync(file, 0o600);
  return { added };
}

/** 256 random bits as hex, what `openssl rand -hex 32` gives: far above the entropy production demands. */
export const randomSecret = () => crypto.randomBytes(32).toString('hex');
