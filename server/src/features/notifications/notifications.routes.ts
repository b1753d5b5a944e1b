// Notification route table: the ledger of an alert for staff, and the providers' status callbacks (public, verified by the secret in the path).
import { z } from 'zod';
import { ObjectIdString, SmsStatusReports, VoiceCallback } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import { deliveryDto } from './notifications.dto';
import type { NotificationService } from './notifications.service';

const AlertParams = z.object({ id: ObjectIdString });
const TokenParams = z.object({ token: z.string().max(128) });
/** What Tencent Cloud expects back from a callback. */
const CallbackAck = z.object({ result: z.literal(0), errmsg: z.literal('OK'), matched: z.number(), ignored: z.number() });

export function notificationRoutes(n: NotificationService): AnyRoute[] {
  return [
    route({
      method: 'get', path: '/api/alerts/:id/deliveries', auth: 'staff', params: AlertParams, errors: ['NOT_FOUND'],
      summary: 'The delivery ledger of an alert: per recipient and channel, its status, attempts, provider id and history',
      description: 'Personal alerts: grid workers see those of their buildings; staff and care roles see all.',
      async handler({ principal: p, params }) {
        return { items: (await n.forAlert(p, params.id)).map(deliveryDto) };
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
