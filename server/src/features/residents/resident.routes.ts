// Residents registry route table (staff, scoped by role and building; finance has none); residents read their own profile through /api/me.
import { z } from 'zod';
import { BindCodeCreate, BindCodeRedeem, BotGroupMembers, ObjectIdString, ResidentAuditQuery, ResidentCreate, ResidentPatch, ResidentQuery, type StaffPrincipal } from '@linli/contracts';
import { viewFor, accessOf } from './resident.access';
import { residentDto } from './resident.service';
import { ConcurrencyLimiter, SEARCHES_IN_FLIGHT } from '../../core/concurrency';
import { route, type AnyRoute } from '../../core/feature';
import { AppError } from '../../core/errors';
import type { RateLimits } from '../../core/rate-limit';
import { readSingleFile } from '../../http/multipart';
import { decodeCsv, parseCsv, parseXlsx, validateRows } from './resident.import';
import type { ResidentService } from './resident.service';
import { residentsWorkbook } from './resident.xlsx';
import { XLSX_TYPE } from '../../core/xlsx';

const IdParams = z.object({ id: ObjectIdString });
const BindingParams = z.object({ id: ObjectIdString, bindingId: z.string().regex(/^[0-9a-z]{1,32}$/) });
const ContactQuery = z.object({ contactId: z.string().trim().min(1).max(120) }).strict();
// Anything but "1" imports for real, as before: the panel always sends 1 or nothing.
const ImportQuery = z.object({ dryRun: z.string().optional() });
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Phone reveals per staff member per hour: enough for a day of calls, not for harvesting the registry. */
export const REVEAL_LIMIT = 30;

export function residentRoutes(residents: ResidentService, limits: RateLimits): AnyRoute[] {
  const revealLimiter = limits.limiter('residents.reveal', REVEAL_LIMIT, 60 * 60 * 1000);
  const searches = new ConcurrencyLimiter(SEARCHES_IN_FLIGHT);
  // A resident needs one code now and then; a script asking for codes all day needs none.
  const ownCodes = limits.limiter('residents.bind-codes', 10, 60 * 60 * 1000);
  return [
    route({
      method: 'post', path: '/api/residents', auth: 'staff', body: ResidentCreate, status: 201, errors: ['CONFLICT'],
      summary: 'Register a resident (their household is the door plate)',
      handler({ principal: p, body }) {
        return residents.createAs(p as StaffPrincipal, body);
      },
    }),
    route({
      method: 'post', path: '/api/residents/import', auth: ['admin', 'staff'], query: ImportQuery, errors: ['CONFLICT'],
      rawBody: { contentType: 'multipart/form-data', description: 'One spreadsheet in field `file` (.xlsx or .csv, at most 5 MB).' },
      summary: 'Import residents from a spreadsheet, all or nothing (?dryRun=1 only checks)',
      description: 'Any bad row answers 422 listing the rows; rows already in the registry answer 409; nothing is imported in either case.',
      async handler({ ctx, principal: p, query }) {
        const { data, filename } = await readSingleFile(ctx, 5 * 1024 * 1024);
        const isXlsx = data.subarray(0, 4).equals(XLSX_MAGIC);
        if (!isXlsx && (data.includes(0) || !/\.(csv|txt)$/i.test(filename))) throw new AppError('VALIDATION', '请上传 .xlsx 或 .csv 文件');
        const rows = isXlsx ? await parseXlsx(data) : parseCsv(decodeCsv(data));
        const { residents: valid, errors } = validateRows(rows);
        if (errors.length) throw new AppError('VALIDATION', `有 ${new Set(errors.map((e) => e.row)).size} 行需要修改，未导入任何数据`, { errors });
        const rowNumbers = rows.slice(1).map((_, i) => i + 2);
        const result = await residents.importAll(p.communityId, valid, rowNumbers, query.dryRun === '1');
        if (result.errors.length) throw new AppError('CONFLICT', `有 ${result.errors.length} 行已在名册中，未导入任何数据`, { errors: result.errors });
        return result;
      },
    }),
    route({
      method: 'get', path: '/api/residents', auth: 'staff', query: ResidentQuery, errors: ['RATE_LIMITED', 'UNAVAILABLE'],
      summary: 'Search the registry (name, phone, room, WeChat name), newest first',
      handler({ principal: p, query }) {
        const list = () => residents.listAs(p as StaffPrincipal, query);
        // Keyword searches scan: a few in flight per account, so one script cannot stall the registry for everyone.
        return query.q ? searches.run(`${p.communityId}:${p.id}`, list) : list();
      },
    }),
    route({
      method: 'get', path: '/api/residents.xlsx', auth: 'staff', query: ResidentQuery, errors: ['UNAVAILABLE'], responseType: XLSX_TYPE,
      summary: 'The registry as an Excel workbook: the same search, filters, scope and masking as GET /api/residents, every page (at most 5,000)',
      description: 'Numbers in clear (admins) are audited as phone reveals, one per resident, before the file goes out; other roles get them masked.',
      async handler({ ctx, principal: p, query }) {
        const { cursor: _cursor, limit: _limit, ...filters } = query;
        const { items, truncated } = await searches.run(`${p.communityId}:${p.id}`, () => residents.exportAs(p as StaffPrincipal, filters));
        ctx.set('Content-Disposition', `attachment; filename="residents.xlsx"; filename*=UTF-8''${encodeURIComponent('居民名册.xlsx')}`);
        ctx.type = XLSX_TYPE;
        ctx.body = await residentsWorkbook(items, truncated);
        return undefined;
      },
    }),
    route({
      method: 'get', path: '/api/residents/audit', auth: ['admin'], query: ResidentAuditQuery,
      summary: 'Who revealed whose phone number and who changed whose WeChat binding, newest first',
      handler({ principal: p, query }) {
        return residents.auditLog(p as StaffPrincipal, query);
      },
    }),
    // Before /api/residents/:id, which would take the word for an id.
    route({
      method: 'get', path: '/api/residents/unbound-members', auth: 'staff',
      summary: 'Community group members no resident is bound to yet (display names, as the bot last reported)',
      async handler({ principal: p }) {
        accessOf(p as StaffPrincipal);
        return { items: await residents.groupMembers.unbound(p.communityId) };
      },
    }),
    route({
      method: 'get', path: '/api/residents/:id', auth: 'staff', params: IdParams,
      summary: 'One resident (phone masked unless the role needs it)', errors: ['NOT_FOUND'],
      handler({ principal: p, params }) {
        return residents.getAs(p as StaffPrincipal, params.id);
      },
    }),
    route({
      method: 'patch', path: '/api/residents/:id', auth: 'staff', params: IdParams, body: ResidentPatch, errors: ['CONFLICT'],
      summary: "Edit a resident (a new door plate moves them to that household; verifies a WeChat sign-up)",
      handler({ principal: p, params, body }) {
        return residents.updateAs(p as StaffPrincipal, params.id, body);
      },
    }),
    route({
      method: 'post', path: '/api/residents/:id/reveal-phone', auth: 'staff', params: IdParams, errors: ['NOT_FOUND', 'RATE_LIMITED'],
      summary: "Show one resident's phone number in clear (显示号码); each reveal is audited",
      async handler({ principal: p, params }) {
        await revealLimiter.take(`${p.communityId}:${p.id}`, '查看号码太频繁，请稍后再试');
        return residents.revealPhone(p as StaffPrincipal, params.id);
      },
    }),
    route({
      method: 'post', path: '/api/residents/:id/bind-code', auth: 'staff', params: IdParams, body: BindCodeCreate, status: 201, errors: ['NOT_FOUND'],
      summary: 'A 6-digit 绑定 code for her (or a family member) to send to the group bot; valid once, for 15 minutes; audited',
      description: 'Staff who may edit the resident. The code is shown once and stored only as a keyed hash; an earlier unused code of hers stops working.',
      handler({ principal: p, params, body }) {
        return residents.bindings.issue(p as StaffPrincipal, params.id, body.relation);
      },
    }),
    route({
      method: 'post', path: '/api/me/bind-code', auth: 'resident', status: 201, errors: ['RATE_LIMITED'],
      summary: 'A registered resident makes a 绑定 code for her own WeChat in the mini-program (valid once, 15 minutes; audited)',
      async handler({ principal: p }) {
        await ownCodes.take(`${p.communityId}:${p.id}`, '生成绑定码太频繁，请稍后再试');
        return residents.bindings.issueOwn(p);
      },
    }),
    route({
      method: 'delete', path: '/api/residents/:id/bindings/:bindingId', auth: 'staff', params: BindingParams, errors: ['NOT_FOUND'],
      summary: 'Revoke one WeChat contact bound to her (staff who may edit her; audited)',
      async handler({ principal: p, params }) {
        const sp = p as StaffPrincipal;
        return viewFor(accessOf(sp), residentDto(await residents.bindings.revoke(sp, params.id, params.bindingId)));
      },
    }),
    route({
      method: 'post', path: '/api/bot/bindings', auth: 'bot', body: BindCodeRedeem, errors: ['NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'],
      summary: 'The group bot redeems a 绑定 code for the sender’s contact id (bot only; wrong codes are limited per sender and community)',
      handler({ principal: p, body }) {
        return residents.bindings.redeem(p.communityId, body);
      },
    }),
    route({
      method: 'post', path: '/api/bot/group-members', auth: 'bot', body: BotGroupMembers,
      summary: 'The group bot reports who is in one community group (replaces its last report; bot only)',
      handler({ principal: p, body }) {
        return residents.groupMembers.report(p.communityId, body);
      },
    }),
    route({
      method: 'get', path: '/api/bot/bindings', auth: 'bot', query: ContactQuery, errors: ['NOT_FOUND'],
      summary: 'Who a WeChat contact is bound to (name and relation only; bot only)',
      async handler({ principal: p, query }) {
        const c = await residents.contactOf(p.communityId, query.contactId);
        if (!c) throw new AppError('NOT_FOUND', '该微信尚未绑定居民档案');
        return { residentName: c.resident.name, relation: c.relation };
      },
    }),
  ];
}
