// Demo `npm start` output: every line a child prints goes to its log file under DATA_DIR/logs; the terminal shows only warnings, errors and plain text (the banner).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const QUIET_LEVELS = new Set(['trace', 'debug', 'info']);

/** Whether a log line is routine: a JSON record below warning (pino's numbers or the bot's names). */
export function routine(line) {
  if (!line.startsWith('{')) return false;
  try {
    const { level } = JSON.parse(line);
    return typeof level === 'number' ? level < 40 : QUIET_LEVELS.has(level);
  } catch {
    return false;
  }
}

/** A Supervisor sink: appends a child's output to `<logDir>/<name>.log` and echoes what is not routine. */
export function quietSink(logDir) {
  fs.mkdirSync(logDir, { recursive: true, mode: 0o700 });
  return (name, proc) => {
    const file = fs.createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a', mode: 0o600 });
    let open = 2;
    for (const [stream, out] of [[proc.stdout, process.stdout], [proc.stderr, process.stderr]]) {
      const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
      lines.on('line', (line) => {
        file.write(line + '\n');
        if (!routine(line)) out.write(line.startsWith('{') ? `[${name}] ${line}\n` : line + '\n');
      });
      lines.on('close', () => {
        if (--open === 0) file.end();
      });
    }
  };
}
