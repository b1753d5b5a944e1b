// Ticket route table: parse, call the service, shape the reply for the viewer.
import { z } from 'zod';
import { BotRevisitReply, ObjectIdString, TriageRequest, TicketByNoQuery, TicketComment, TicketCreate, TicketExtensionDecision, TicketExtensionRequest, TicketLinkBody, TicketLocate, TicketQuery, TicketRating, TicketRevisitAnswer, TicketSimilarQuery, TicketTranscript, TicketTransitionBody, type Principal } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import { ConcurrencyLimiter, SEARCHES_IN_FLIGHT } from '../../core/concurrency';
import { AppError } from '../../core/errors';
import type { RateLimits } from '../../core/rate-limit';
import { XLSX_TYPE } from '../../core/xlsx';
import type { UploadsApi } from '../uploads/upload.service';
import { ticketDto } from './ticket.dto';
import type { TicketDoc } from './ticket.model';
import { screenTicketPage } from './ticket.screen';
import { TICKET_EXPORT_MAX, ticketsWorkbook } from './ticket.xlsx';
import type { TicketService } from './ticket.service';

const IdParams = z.object({ id: ObjectIdString });
const NoParams = z.object({ no: z.string().regex(/^[A-Za-z]{1,8}-\d{1,10}$/, '工单号格式不正确') });

export function ticketRoutes(tickets: TicketService, uploads: UploadsApi, limits: RateLimits): AnyRoute[] {
  const searches = new ConcurrencyLimiter(SEARCHES_IN_FLIGHT);
  const createLimiter = limits.limiter('tickets.create', 20, 60 * 60 * 1000);
  const view = (p: Principal, t: TicketDoc) => ticketDto(t, p.kind === 'resident' ? 'resident' : 'staff', uploads);

  return [
    route({
      method: 'post', path: '/api/tickets', auth: 'signed-in', body: TicketCreate, status: 201, errors: ['RATE_LIMITED', 'NOT_FOUND'],
      summary: 'Report a problem (resident app, group bot, or staff at the desk)',
      description: 'An `Idempotency-Key` header makes a retried request return the first ticket (200) instead of creating another.',
      async handler({ ctx, principal: p, body }) {
        const key = ctx.get('Idempotency-Key') || undefined;
        if (key && !/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) throw new AppError('VALIDATION', 'Idempotency-Key 格式不正确');
        if (p.kind === 'resident') await createLimiter.take(`resident:${p.id}`, '报事太频繁，请稍后再试');
        const { ticket, created } = await tickets.create(p, body, key);
        ctx.status = created ? 201 : 200;
        return view(p, ticket);
      },
    }),
    route({
      method: 'get', path: '/api/tickets', auth: 'signed-in', query: TicketQuery, errors: ['RATE_LIMITED', 'UNAVAILABLE'],
      screen: screenTicketPage,
      summary: 'List tickets the caller may see, newest first (keyset cursor)',
      async handler({ principal: p, query }) {
        // A keyword search scans text: at most a few in flight per caller, so one script cannot stall the API.
        const list = () => tickets.list(p, query);
        const { items, nextCursor } = query.q ? await searches.run(`${p.communityId}:${p.kind}:${p.id}`, list) : await list();
        return { items: await Promise.all(items.map((t) => view(p, t))), nextCursor };
      },
    }),
    route({
      method: 'get', path: '/api/tickets.xlsx', auth: 'staff', query: TicketQuery, errors: ['UNAVAILABLE'], responseType: XLSX_TYPE,
      summary: 'The ticket list as an Excel workbook: the same filters and building scope as GET /api/tickets, every page (at most 5,000 rows)',
      description: '`cursor` and `limit` are ignored: the export walks every page of the filtered list, newest first.',
      async handler({ ctx, principal: p, query }) {
        const all: TicketDoc[] = [];
        let cursor: string | undefined;
        let more = true;
        // The same service call as the JSON list, page after page, so filters and scope cannot drift apart.
        while (more && all.length < TICKET_EXPORT_MAX) {
          const page = await tickets.list(p, { ...query, cursor, limit: 100 });
          all.push(...page.items);
          cursor = page.nextCursor ?? undefined;
          more = Boolean(cursor);
        }
        const items = await Promise.all(all.slice(0, TICKET_EXPORT_MAX).map((t) => view(p, t)));
        ctx.set('Content-Disposition', `attachment; filename="tickets.xlsx"; filename*=UTF-8''${encodeURIComponent('诉求工单.xlsx')}`);
        ctx.type = XLSX_TYPE;
        ctx.body = await ticketsWorkbook(items, more || all.length > TICKET_EXPORT_MAX);
        return undefined;
      },
    }),
    route({
      method: 'get', path: '/api/tickets/by-no/:no', auth: 'signed-in', params: NoParams, query: TicketByNoQuery,
      summary: 'A ticket by its human number (e.g. BM-000123)',
      description: 'The group bot must name the asker (`wechatId`) and gets the resident view of their own or their household’s ticket only.',
      async handler({ principal: p, params, query }) {
        if (p.kind === 'bot') return ticketDto(await tickets.byNoForContact(p, params.no, query.wechatId), 'resident', uploads);
        return view(p, await tickets.getByNo(p, params.no));
      },
    }),
    route({
      method: 'get', path: '/api/tickets/similar', auth: 'signed-in', query: TicketSimilarQuery,
      summary: 'Open reports of one place and category (asked before submitting: 这部电梯已有人报修，要一起关注吗？)',
      description: 'Place, category, status and follower count only — never another resident’s words. Pass `duplicateOf` when creating to follow one.',
      async handler({ principal: p, query }) {
        return { items: await tickets.links.similar(p.communityId, query) };
      },
    }),
    route({
      method: 'get', path: '/api/tickets/:id', auth: 'signed-in', params: IdParams,
      summary: 'A ticket with its timeline',
      async handler({ principal: p, params }) {
        return view(p, await tickets.getVisible(p, params.id));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/:id/transition', auth: 'signed-in', params: IdParams, body: TicketTransitionBody, errors: ['CONFLICT'],
      summary: 'Move a ticket along its transition table (409 names the current status when it moved meanwhile)',
      async handler({ principal: p, params, body }) {
        return view(p, await tickets.transition(p, params.id, body));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/:id/comments', auth: 'signed-in', params: IdParams, body: TicketComment, status: 201,
      summary: 'Add a reply (or, for staff, an internal note)',
      async handler({ principal: p, params, body }) {
        return view(p, await tickets.comment(p, params.id, body));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/:id/rating', auth: 'signed-in', params: IdParams, body: TicketRating, errors: ['CONFLICT'],
      summary: "The reporter rates a finished ticket once",
      async handler({ principal: p, params, body }) {
        return view(p, await tickets.rate(p, params.id, body));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/:id/urge', auth: 'signed-in', params: IdParams, errors: ['CONFLICT', 'RATE_LIMITED'],
      summary: 'The reporter (or the bot for her) urges an open ticket, at most every 10 minutes',
      async handler({ principal: p, params }) {
        return view(p, await tickets.urge(p, params.id));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/:id/link', auth: 'staff', params: IdParams, body: TicketLinkBody, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Link a report to an open one of the same problem (confirming a duplicate suggestion): it shares that deadline and follows its progress',
      async handler({ principal: p, params, body }) {
        return view(p, await tickets.link(p, params.id, body.primaryId));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/:id/unlink', auth: 'staff', params: IdParams, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Undo a duplicate link, or dismiss a duplicate suggestion (不是同一问题)',
      async handler({ principal: p, params }) {
        return view(p, await tickets.unlink(p, params.id));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/:id/extension', auth: 'staff', params: IdParams, body: TicketExtensionRequest, errors: ['CONFLICT'],
      summary: 'Ask for more time to finish (延期) with a reason; an admin’s own request is approved at once',
      async handler({ principal: p, params, body }) {
        return view(p, await tickets.requestExtension(p, params.id, body));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/:id/extension/decision', auth: ['admin'], params: IdParams, body: TicketExtensionDecision, errors: ['CONFLICT'],
      summary: 'Approve (the 办结 deadline moves on the category’s clock; the resident sees the reason) or reject a pending extension',
      async handler({ principal: p, params, body }) {
        return view(p, await tickets.decideExtension(p, params.id, body));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/:id/revisit', auth: 'signed-in', params: IdParams, body: TicketRevisitAnswer, errors: ['CONFLICT'],
      summary: '回访 answer: the reporter (or staff recording a call) says whether it is solved (with a score); 没解决 reopens it under supervision',
      async handler({ principal: p, params, body }) {
        return view(p, await tickets.answerRevisit(p, params.id, body));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/triage', auth: 'signed-in', body: TriageRequest,
      summary: 'Triage suggestion for a report’s words before filing: category (with confidence), building/unit, urgency',
      handler: ({ body }) => tickets.suggestTriage(body.text),
    }),
    route({
      method: 'post', path: '/api/tickets/:id/triage/accept', auth: 'staff', params: IdParams, errors: ['CONFLICT'],
      summary: 'Confirm the ticket’s triage suggestion: its category (deadlines recomputed while unsigned), its place if it had none, 加急 if urgent',
      async handler({ principal: p, params }) {
        return view(p, await tickets.acceptTriage(p, params.id));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/revisit-reply', auth: 'bot', body: BotRevisitReply,
      summary: 'The bot relays a private 1/满意, 2/不满意, 3/没解决: the 回访 answer of the ticket it last asked that contact about (outcome none otherwise)',
      handler: ({ principal: p, body }) => tickets.revisitReply(p, body),
    }),
    route({
      method: 'post', path: '/api/tickets/:id/transcript', auth: 'signed-in', params: IdParams, body: TicketTranscript, errors: ['CONFLICT'],
      summary: 'Add the transcript of a voice report that arrived as 待转写',
      async handler({ principal: p, params, body }) {
        return view(p, await tickets.transcribe(p, params.id, body.transcript));
      },
    }),
    route({
      method: 'post', path: '/api/tickets/:id/location', auth: 'bot', params: IdParams, body: TicketLocate, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'The group bot adds the place a resident named when asked back (only to a report it filed without one)',
      async handler({ principal: p, params, body }) {
        return view(p, await tickets.locate(p, params.id, body.location));
      },
    }),
  ];
}
