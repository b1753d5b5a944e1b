// The notifications face: alert levels reach phones (SMS, voice calls) and bound WeChat contacts (bot private messages) through a delivery ledger; acknowledgement (panel, SMS link, SMS reply, "收到" to the bot) stops every send.
import type { FeatureCore, LinliFace } from '../feature-core';
import { on } from '../../core/feature';
import type { DomainEvents } from '../events';
import type { AlertsApi } from '../alerts/alert.service';
import type { BotFeedApi } from '../bot-feed/bot-feed.service';
import type { CareService } from '../care/care.service';
import type { ResidentsApi } from '../residents/resident.service';
import { SpeakerLedger, type SpeakerLedgerApi } from './notifications.external';
import { AlertSms, AlertVoice } from './notifications.providers';
import { notificationRoutes } from './notifications.routes';
import { NotificationService, SEND_TIMER_KIND } from './notifications.service';
import { NoticeMessages, type NoticeMessagesApi } from './notifications.notices';
import { TicketMessages, type TicketMessagesApi } from './notifications.tickets';
import { WechatSubscribe } from './notifications.wechat';

export interface NotificationNeeds {
  /** Acknowledgement from the SMS link or an SMS reply takes the alert like the panel's 确认 does. */
  alerts: Pick<AlertsApi, 'ackExternal' | 'stillRaised'>;
  /** The bot channel: bound WeChat contacts of the elder, and the bot's durable queue. */
  residents: Pick<ResidentsApi, 'wechatContactsOf'>;
  botFeed: BotFeedApi;
  /** The elder's quiet hours (non-emergency messages to her wait for their end). */
  care: Pick<CareService, 'outOfQuietHours'>;
}

/**
 * What other features may use: `speakers` keeps broadcast speakers' outcomes in the same ledger (issue 19); `tickets` sends a
 * ticket's 催办/督办/街道 SMS and its 回访 question (bot private message or SMS) once, on the same ledger (issue 17); `notices` sends a
 * published notice's SMS and subscribe messages per resident on the same ledger (moved by SMS status reports) and reads it back.
 */
export interface NotificationsApi {
  speakers: SpeakerLedgerApi;
  tickets: TicketMessagesApi;
  notices: NoticeMessagesApi;
}

export function notificationsFeature(core: FeatureCore, needs: NotificationNeeds): LinliFace<NotificationsApi> {
  const { config, scheduler, log, bus } = core;
  const sends = core.metrics.counter('linli_notification_sends_total', 'SMS, calls and messages sent for alerts, tickets and notices, by channel, purpose and outcome (sent, failed, cancelled)', [
    'channel',
    'purpose',
    'outcome',
  ] as const);
  const sms = new AlertSms(config);
  const n = new NotificationService(core.conn, { config, scheduler, log, bus, alerts: needs.alerts, residents: needs.residents, botFeed: needs.botFeed, care: needs.care, counted: (channel, purpose, outcome) => sends.inc({ channel, purpose, outcome }), sms, voice: new AlertVoice(config) });
  const tickets = new TicketMessages(core.conn, { config, log, sms, botFeed: needs.botFeed, counted: (channel, purpose, outcome) => sends.inc({ channel, purpose, outcome }) });
  const notices = new NoticeMessages(core.conn, { config, log, sms, subscribe: new WechatSubscribe(config), counted: (channel, outcome) => sends.inc({ channel, purpose: 'notice', outcome }) });
  return {
    name: 'notifications',
    api: { speakers: new SpeakerLedger(core.conn), tickets, notices },
    emits: ['resident.answered'],
    routes: notificationRoutes(n),
    subscriptions: [on<DomainEvents, 'alert.notify'>('alert.notify', (e) => n.onNotify(e)), on<DomainEvents, 'alert.updated'>('alert.updated', (e) => n.onUpdated(e)), on<DomainEvents, 'bot.feed.acked'>('bot.feed.acked', (e) => n.onBotPosted(e.item))],
    timers: [{ kind: SEND_TIMER_KIND, fire: (job) => n.onTimer(job), rearm: () => n.pendingJobs() }],
    stop: () => n.drain(),
  };
}
