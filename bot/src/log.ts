// Minimal structured logger for the bot process (one JSON line per event, phone/ID numbers masked).
import { maskPii } from './safety';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface BotLog {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

export function createLog(level: LogLevel = 'info'): BotLog {
  const at = ORDER[level] ?? ORDER.info;
  const write = (l: Exclude<LogLevel, 'silent'>) => (msg: string, extra?: unknown) => {
    if (ORDER[l] < at) return;
    const e = extra instanceof Error ? { err: extra.message } : extra;
    const line = JSON.stringify({ time: new Date().toISOString(), level: l, msg, ...(e && typeof e === 'object' ? e : e !== undefined ? { extra: e } : {}) });
    (l === 'error' || l === 'warn' ? process.stderr : process.stdout).write(maskPii(line) + '\n');
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
