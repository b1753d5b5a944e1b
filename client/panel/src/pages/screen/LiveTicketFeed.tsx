// Big-screen block: the latest tickets with number, category, building and status; names masked for the hall.
import { TICKET_STATUS_LABELS, type TicketDto } from '@linli/contracts';
import { maskName } from '../../lib/screen-stats';
import { fmtTime } from '../../lib/time';

export function LiveTicketFeed({ tickets, latestId }: { tickets: TicketDto[]; latestId: string | null }) {
  return (
    <section className="screen-panel" data-testid="screen-feed">
      <h3>实时诉求动态</h3>
      <div className="screen-feed">
        {tickets.slice(0, 9).map((t) => (
          <div key={t.id} className={`screen-feed-row ${t.id === latestId ? 'new' : ''}`} data-testid="screen-ticket">
            <span className="no">{t.no}</span>
            <span className="what">
              {t.location?.building ?? ''} {t.category} · {maskName(t.reporter.name)}
            </span>
            <span className={`status s-${t.status}`}>{TICKET_STATUS_LABELS[t.status]}</span>
            <span className="at">{fmtTime(t.createdAt, 'HH:mm')}</span>
          </div>
        ))}
        {tickets.length === 0 && <div className="screen-empty">暂无诉求</div>}
      </div>
    </section>
  );
}
