// Care route table: profiles (health data for authorised staff only, audited), check-ins from app/bot/staff, overview, the audit log, a resident's own status.
import { z } from 'zod';
import {
  CareAbsenceCreate,
  CareAbsencePatch,
  CareAuditQuery,
  CareOverviewQuery,
  CareProfileCreate,
  CareProfilePatch,
  CareProfileQuery,
  CheckinCreate,
  ObjectIdString,
} from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { RateLimits } from '../../core/rate-limit';
import { XLSX_TYPE } from '../../core/xlsx';
import { checkinWorkbook } from './care.xlsx';
import type { CareService } from './care.service';

const ResidentParams = z.object({ residentId: ObjectIdString });
const AbsenceParams = z.object({ residentId: ObjectIdString, absenceId: ObjectIdString });
const OwnAbsenceParams = z.object({ absenceId: ObjectIdString });

export function careRoutes(care: CareService, limits: RateLimits): AnyRoute[] {
  const checkinLimiter = limits.limiter('care.checkins', 30, 60 * 60 * 1000);

  return [
    route({
      // Signed-in as before: the service itself refuses anyone who is not a resident.
      method: 'get', path: '/api/care/me', auth: 'signed-in',
      summary: "The resident's own care status: enrolled, checked in today, deadline, emergency contacts",
      handler: ({ principal: p }) => care.mine(p),
    }),
    route({
      method: 'post', path: '/api/care/me/absences', auth: 'signed-in', body: CareAbsenceCreate, status: 201, errors: ['NOT_FOUND'],
      summary: 'A resident in the programme enters her own stay away (住院、走亲戚 …) from the mini-program; audited',
      handler: ({ principal: p, body }) => care.absences.addOwn(p, body),
    }),
    route({
      method: 'delete', path: '/api/care/me/absences/:absenceId', auth: 'signed-in', params: OwnAbsenceParams, errors: ['NOT_FOUND'],
      summary: 'A resident cancels her own stay away (back early); audited',
      handler: ({ principal: p, params }) => care.absences.removeOwn(p, params.absenceId),
    }),
    route({
      method: 'post', path: '/api/care/checkins', auth: 'signed-in', body: CheckinCreate, status: 201, errors: ['NOT_FOUND', 'RATE_LIMITED'],
      summary: 'Daily check-in: a resident for themselves, the bot by WeChat name, staff for a visit (200 when not the first today)',
      async handler({ ctx, principal: p, body }) {
        if (p.kind === 'resident') await checkinLimiter.take(`resident:${p.id}`, '打卡太频繁，请稍后再试');
        const result = await care.checkinBy(p, body);
        ctx.status = result.first ? 201 : 200;
        return result;
      },
    }),
    route({
      method: 'get', path: '/api/care/overview', auth: 'staff', query: CareOverviewQuery,
      summary: "A day's check-ins: who checked in, who is missing (and overdue), open personal alerts",
      handler: ({ principal: p, query }) => care.overview(p, query),
    }),
    route({
      method: 'get', path: '/api/care/overview.xlsx', auth: 'staff', query: CareOverviewQuery, responseType: XLSX_TYPE,
      summary: "A day's check-ins as an Excel workbook: the same overview (day, building, the caller's scope), 未打卡 first",
      async handler({ ctx, principal: p, query }) {
        const o = await care.overview(p, query);
        ctx.set('Content-Disposition', `attachment; filename="checkins-${o.day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`平安打卡-${o.day}.xlsx`)}`);
        ctx.type = XLSX_TYPE;
        ctx.body = await checkinWorkbook(o, query.building);
        return undefined;
      },
    }),
    route({
      method: 'get', path: '/api/care/audit', auth: ['admin'], query: CareAuditQuery,
      summary: 'Who read or wrote whose health data, newest first',
      handler: ({ principal: p, query }) => care.auditLog(p, query),
    }),
    route({
      method: 'get', path: '/api/care/profiles', auth: 'staff', query: CareProfileQuery,
      summary: 'Care profiles in the buildings of the caller (never with health data)',
      handler: ({ principal: p, query }) => care.list(p, query),
    }),
    route({
      method: 'post', path: '/api/care/profiles', auth: 'staff', body: CareProfileCreate, status: 201, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Enrol a resident tagged as living alone, empty-nest or very old (care role)',
      handler: ({ principal: p, body }) => care.create(p, body),
    }),
    route({
      method: 'get', path: '/api/care/profiles/:residentId', auth: 'staff', params: ResidentParams, errors: ['NOT_FOUND'],
      summary: 'One care profile; health data only for those allowed, each such read audited',
      handler: ({ principal: p, params }) => care.get(p, params.residentId, `GET /api/care/profiles/${params.residentId}`),
    }),
    route({
      method: 'patch', path: '/api/care/profiles/:residentId', auth: 'staff', params: ResidentParams, body: CareProfilePatch, errors: ['NOT_FOUND'],
      summary: 'Edit a care profile (care role); a new deadline re-arms the check-in timer',
      handler: ({ principal: p, params, body }) => care.update(p, params.residentId, body),
    }),
    route({
      method: 'get', path: '/api/care/profiles/:residentId/absences', auth: 'staff', params: ResidentParams, errors: ['NOT_FOUND'],
      summary: "An elder's absence calendar (住院、走亲戚、外出), latest first",
      handler: ({ principal: p, params }) => care.absences.list(p, params.residentId),
    }),
    route({
      method: 'post', path: '/api/care/profiles/:residentId/absences', auth: 'staff', params: ResidentParams, body: CareAbsenceCreate, status: 201,
      errors: ['NOT_FOUND'],
      summary: 'Enter a stay away (care role or her grid worker; audited): no missed-check-in or wristband-offline alert while it lasts',
      handler: ({ principal: p, params, body }) => care.absences.add(p, params.residentId, body),
    }),
    route({
      method: 'patch', path: '/api/care/profiles/:residentId/absences/:absenceId', auth: 'staff', params: AbsenceParams, body: CareAbsencePatch,
      errors: ['NOT_FOUND'],
      summary: 'Change a stay away (dates, reason, note; audited)',
      handler: ({ principal: p, params, body }) => care.absences.edit(p, params.residentId, params.absenceId, body),
    }),
    route({
      method: 'delete', path: '/api/care/profiles/:residentId/absences/:absenceId', auth: 'staff', params: AbsenceParams, errors: ['NOT_FOUND'],
      summary: 'Remove a stay away (audited): check-in alerts apply again from its days on',
      handler: ({ principal: p, params }) => care.absences.remove(p, params.residentId, params.absenceId),
    }),
  ];
}
