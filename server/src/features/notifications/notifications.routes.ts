// Notification route table: the ledger of an alert for staff, the one-tap acknowledgement page of the alert SMS, and the providers' callbacks (public, verified by the secret in the path).
import type { Context } from 'koa';
import { z } from 'zod';
import { BotAlertReply, ObjectIdString, SmsReply, SmsStatusReports, VoiceCallback } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import { RateLimiter } from '../../core/rate-limit';
import { XLSX_TYPE } from '../../core/xlsx';
import { renderAckPage, type AckLinkView } from './notifications.ack-page';
import { deliveryDto } from './notifications.dto';
import type { NotificationService } from './notifications.service';
import { deliveriesWorkbook } from './notifications.xlsx';

const AlertParams = z.object({ id: ObjectIdString });
const TokenParams = z.object({ token: z.string().max(128) });
// Any string: a malformed code gets the same 链接已失效 page as an expired one.
const CodeParams = z.object({ code: z.string().max(64) });
/** Opening a link is a person tapping it; more than this from one address in a minute is someone guessing codes. */
const LINK_OPENS_PER_MINUTE = 30;
/** What Tencent Cloud expects back from a callback. */
const CallbackAck = z.object({ result: z.literal(0), errmsg: z.literal('OK'), matched: z.number(), ignored: z.number() });

export function notificationRoutes(n: NotificationService): AnyRoute[] {
  const opens = new RateLimiter(LINK_OPENS_PER_MINUTE, 60_000);
  /** Both sides of the link answer with the page: 404 for a code that is unknown or expired, never cached. */
  const ackPage = async (ctx: Context, view: () => Promise<AckLinkView>) => {
    opens.take(`open:${ctx.ip}`, '操作太频繁，请稍后再试');
    const v = await view();
    ctx.status = v.state === 'invalid' ? 404 : 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    return renderAckPage(v, ctx.path);
  };
  return [
    route({
      method: 'get', path: '/a/:code', auth: 'public', secretPath: true, params: CodeParams, responseType: 'text/html', errors: ['NOT_FOUND', 'RATE_LIMITED'],
      summary: 'The one-tap page of an alert SMS: what happened and a 我来处理 button (GET never acknowledges: link previews open it too)',
      handler: ({ ctx, params }) => ackPage(ctx, () => n.ackLink(params.code)),
    }),
    route({
      method: 'post', path: '/a/:code', auth: 'public', secretPath: true, params: CodeParams, responseType: 'text/html', errors: ['NOT_FOUND', 'RATE_LIMITED'],
      summary: 'The page’s button: the recipient of that SMS acknowledges the alert (the first one stops every further send)',
      handler: ({ ctx, params }) => ackPage(ctx, () => n.ackByLink(params.code)),
    }),
    route({
      method: 'post', path: '/api/notifications/callbacks/:token/sms-reply', auth: 'public', secretPath: true, params: TokenParams, body: SmsReply,
      response: CallbackAck, errors: ['FORBIDDEN'],
      summary: 'Tencent Cloud SMS replies (短信回复回调): "1" or "收到" from a number we sent an alert SMS to acknowledges that alert',
      description: 'Register `<PUBLIC_URL>/api/notifications/callbacks/<NOTIFY_CALLBACK_TOKEN>/sms-reply`. A reply from a number that got no alert SMS in the last 24 hours is refused (422) and changes nothing; other words are recorded on the ledger only.',
      async handler({ params, body }) {
        n.verifyToken(params.token);
        return { result: 0, errmsg: 'OK', ...(await n.smsReply(body)) };
      },
    }),
    route({
      method: 'post', path: '/api/notifications/bot-reply', auth: 'bot', body: BotAlertReply,
      response: z.object({ outcome: z.enum(['taken', 'checked_in', 'already', 'none']), reply: z.string() }), errors: ['FORBIDDEN'],
      summary: 'The community bot relays a private WeChat reply ("收到", "1") to the alert message it sent that contact',
      description: '"收到" from family the bot told about an alert takes that alert (the first acknowledgement stops every further send); "1" from the elder to "您今天还好吗" is her check-in. outcome none: nothing to answer (the bot handles the words as usual).',
      handler: ({ principal: p, body }) => n.botReply(p, body),
    }),
    route({
      method: 'get', path: '/api/alerts/:id/deliveries', auth: 'staff', params: AlertParams, errors: ['NOT_FOUND'],
      summary: 'The delivery ledger of an alert: per recipient and channel, its status, attempts, provider id and history',
      description: 'Personal alerts: grid workers see those of their buildings; staff and care roles see all.',
      async handler({ principal: p, params }) {
        return { items: (await n.forAlert(p, params.id)).map(deliveryDto) };
      },
    }),
    route({
      method: 'get', path: '/api/alerts/:id/deliveries.xlsx', auth: 'staff', params: AlertParams, errors: ['NOT_FOUND'], responseType: XLSX_TYPE,
      summary: 'The delivery ledger of an alert as an Excel workbook: the same rows and visibility as the JSON',
      async handler({ ctx, principal: p, params }) {
        const items = (await n.forAlert(p, params.id)).map(deliveryDto);
        ctx.set('Content-Disposition', `attachment; filename="alert-${params.id}-deliveries.xlsx"; filename*=UTF-8''${encodeURIComponent(`通知记录-${params.id}.xlsx`)}`);
        ctx.type = XLSX_TYPE;
        ctx.body = await deliveriesWorkbook(params.id, items);
        return undefined;
      },
    }),
    route({
      method: 'post', path: '/api/notifications/callbacks/:token/sms', auth: 'public', secretPath: true, params: TokenParams, body: SmsStatusReports,
      response: CallbackAck, errors: ['FORBIDDEN'],
      summary: 'Tencent Cloud SMS status reports (短信下发状态回调) → delivered / failed',
      description: 'Register `<PUBLIC_URL>/api/notifications/callbacks/<NOTIFY_CALLBACK_TOKEN>/sms` with Tencent Cloud. Reports that match no sent SMS are refused (422) and change nothing.',
      async handler({ params, body }) {
        n.verifyToken(params.token);
        return { result: 0, errmsg: 'OK', ...(await n.smsReports(body)) };
      },
    }),
    route({
      method: 'post', path: '/api/notifications/callbacks/:token/voice', auth: 'public', secretPath: true, params: TokenParams, body: VoiceCallback,
      response: CallbackAck, errors: ['FORBIDDEN'],
      summary: 'Tencent Cloud voice-message call results (语音通知状态回调, 语音送达失败原因) → delivered / failed',
      description: 'Register `<PUBLIC_URL>/api/notifications/callbacks/<NOTIFY_CALLBACK_TOKEN>/voice`. An unanswered call is retried while attempts remain and the alert is not acknowledged.',
      async handler({ params, body }) {
        n.verifyToken(params.token);
        return { result: 0, errmsg: 'OK', ...(await n.voiceReport(body)) };
      },
    }),
  ];
}
