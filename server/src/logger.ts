// Structured logging (pino) with phone and ID numbers masked wherever they appear.
import pino from 'pino';

const PHONE = /(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g;
const ID_CARD = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;

/** Masks mainland phone numbers (138****1234) and ID numbers (110101********123X) in free text. */
export function maskPii(text: string): string {
  return text.replace(ID_CARD, '$1********$2').replace(PHONE, '$1****$2');
}

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPii(a) : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
    formatters: {
      log(obj) {
        return JSON.parse(maskPii(JSON.stringify(obj)));
      },
    },
  });
}
