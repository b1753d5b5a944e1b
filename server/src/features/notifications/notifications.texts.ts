// What the messages say: template parameters for alert SMS, voice calls and the "someone took it" SMS (Chinese, short: Tencent caps each variable).
import { ALERT_TYPE_LABELS, type AlertType } from '@linli/contracts';

/** Tencent Cloud rejects template variables longer than this (notification templates). */
const VAR_MAX = 12;
const clip = (s: string) => (s.length > VAR_MAX ? s.slice(0, VAR_MAX) : s);

export interface AlertFacts {
  type: AlertType;
  title: string;
  subject?: { name: string; building?: string; unit?: string; room?: string };
  location?: { building?: string; text?: string };
  deviceName?: string;
}

function where(a: AlertFacts): string {
  const s = a.subject;
  const home = s ? `${s.building ?? ''}${s.unit ?? ''}${s.room ?? ''}` : '';
  return home || a.location?.text || a.location?.building || '社区内';
}

/** {1} who, {2} what, {3} where — e.g. 王秀兰 / 一键呼救 / 1号楼1单元101. */
export function alertParams(a: AlertFacts): string[] {
  const who = a.subject?.name ?? a.deviceName ?? '设备';
  return [clip(who), clip(ALERT_TYPE_LABELS[a.type]), clip(where(a))];
}

/** {1} who, {2} what, {3} the staff member who took it — "王秀兰的一键呼救已由王刚接单，正在处理". */
export function takenParams(alertParamsOfRow: string[], byName: string): string[] {
  // "王刚（网格员）" reads as 王刚 on a phone.
  const name = byName.replace(/（.*?）|\(.*?\)/g, '').trim() || byName;
  return [alertParamsOfRow[0] ?? '', alertParamsOfRow[1] ?? '', clip(name)];
}

/**
 * The bot's private WeChat message (no template limits there, so whole sentences): an alert to family, the question to the
 * elder herself, or who took it.
 */
export function botText(purpose: 'alert' | 'check' | 'taken', params: string[]): string {
  const [who = '', what = '', third = ''] = params;
  if (purpose === 'check') return `${who}，您今天还好吗？回复「1」报平安。如需帮助，请回复「求助」或拨打社区电话。`;
  if (purpose === 'taken') return `${who}的${what}已由${third}接手处理，正在跟进。`;
  return `【紧急】${who}（${third}）触发了${what}，请尽快联系她。您来处理请回复「收到」，社区和其他家人会知道由您负责。`;
}
