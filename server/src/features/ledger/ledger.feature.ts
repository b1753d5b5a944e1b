// The ledger feature's face: four-eyes property-fee ledger, monthly statements on a persisted timer, announced to residents.
import type { FeatureCore, LinliFace } from '../feature-core';
import type { NoticesApi } from '../notices/notice.service';
import type { UploadsApi } from '../uploads/upload.service';
import { statementAnnouncer } from './ledger.announce';
import { ledgerSockets } from './ledger.realtime';
import { ledgerRoutes } from './ledger.routes';
import { LedgerService, STATEMENT_TIMER_KIND } from './ledger.service';

export interface LedgerNeeds {
  uploads: UploadsApi;
  notices: NoticesApi;
}

export function ledgerFeature(core: FeatureCore, needs: LedgerNeeds): LinliFace<LedgerService> {
  const { conn, bus, scheduler, io } = core;
  const ledger = new LedgerService(conn, { bus, scheduler, uploads: needs.uploads });
  return {
    name: 'ledger',
    api: ledger,
    routes: ledgerRoutes(ledger, needs.uploads),
    emits: ['ledger.entry.changed', 'ledger.statement.published', 'bot.post'],
    subscriptions: [...ledgerSockets(io, needs.uploads), ...statementAnnouncer(bus, needs.notices)],
    timers: [{ kind: STATEMENT_TIMER_KIND, fire: (job) => ledger.onStatementDue(job), rearm: () => ledger.statementJobsAtBoot() }],
  };
}
