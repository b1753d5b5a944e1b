// The rules people expect of estate speakers, as pure functions: quiet hours, which speakers a zone reaches, what a notice or an alert says aloud.
import { ALERT_TYPE_SEVERITY, BROADCAST_MAX_TEXT, type AlertDto, type AlertType, type BroadcastZones } from '@linli/contracts';

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When quiet hours (Shanghai time, e.g. "22:00-07:00", may cross midnight) end, if `at` is inside them; null otherwise.
 * A non-urgent broadcast due then is held until that instant.
 */
export function quietUntil(at: Date, window: string): Date | null {
  const [fromS, toS] = window.split('-') as [string, string];
  const from = minutes(fromS);
  const to = minutes(toS);
  if (from === to) return null;
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const m = (local - dayStart) / 60_000;
  const inside = from < to ? m >= from && m < to : m >= from || m < to;
  if (!inside) return null;
  // The end is today at `to`, or tomorrow when the window crosses midnight and we are before it.
  const endLocal = dayStart + to * 60_000 + (from > to && m >= from ? DAY_MS : 0);
  return new Date(endLocal - SHANGHAI_OFFSET_MS);
}

/** Does a speaker covering `speakerZones` play a broadcast to `zones`? Estate-wide reaches every speaker; buildings reach those covering one. */
export function speakerInZones(speakerZones: readonly string[] | undefined, zones: BroadcastZones): boolean {
  if (zones.all) return true;
  const covered = new Set(speakerZones ?? []);
  return (zones.buildings ?? []).some((b) => covered.has(b));
}

/** Markdown to something a voice can read: no marks, links as their text, lines joined with pauses. */
export function speakable(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[#>*_`~|]/g, '')
    .replace(/^\s*[-+]\s+/gm, '')
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (/[。！？!?；;，,：:]$/.test(l) ? l : `${l}。`))
    .join('');
}

/** Cuts at the last sentence end that fits, so the voice never stops mid-word. */
export function clip(text: string, max = BROADCAST_MAX_TEXT): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max).join('');
  const end = Math.max(head.lastIndexOf('。'), head.lastIndexOf('！'), head.lastIndexOf('？'));
  return end > max / 2 ? head.slice(0, end + 1) : head;
}

export function noticeSpeech(n: { title: string; body: string }): string {
  return clip(`社区通知：${n.title}。${speakable(n.body)}`);
}

/** A notice's audience as speaker zones: its buildings, else the whole estate (speakers cannot pick out ages, tags or households). */
export function noticeZones(audience: { all?: boolean; buildings?: string[] }): BroadcastZones {
  return audience.buildings?.length ? { buildings: audience.buildings } : { all: true };
}

const ALERT_SPEECH: Partial<Record<AlertType, (where: string) => string>> = {
  fire_lane_blocked: (w) => `${w}消防通道被占用，请车主尽快挪车。`,
  smoke: (w) => `${w}发生烟雾报警，请附近居民注意安全，听从工作人员指挥，工作人员正在赶往现场。`,
  water_leak: (w) => `${w}发现漏水，请附近居民注意安全，工作人员正在处理。`,
  trash_overflow: (w) => `${w}垃圾桶已满，请暂时投放到其他垃圾桶，工作人员马上清理。`,
};

/** What a public-safety alert says in its zone; null for every other alert (personal alerts never reach a speaker). */
export function alertSpeech(a: Pick<AlertDto, 'type' | 'audience' | 'location'>): string | null {
  if (a.audience !== 'public') return null;
  const say = ALERT_SPEECH[a.type];
  if (!say) return null;
  const where = a.location?.text || a.location?.building || '小区内';
  return say(where);
}

export function alertZones(a: Pick<AlertDto, 'location'>): BroadcastZones {
  return a.location?.building ? { buildings: [a.location.building] } : { all: true };
}

/** Critical and high alerts (smoke, a blocked fire lane, a leak) may speak in quiet hours; an overflowing bin waits for morning. */
export const alertUrgent = (type: AlertType) => ALERT_TYPE_SEVERITY[type] === 'critical' || ALERT_TYPE_SEVERITY[type] === 'high';
