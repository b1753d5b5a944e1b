// Ticket logic the panel relies on: legal actions from the shared table, SLA states, live-list merging, filters.
import type { TicketDto } from '@linli/contracts';
import { mergeLive } from '../live-list';
import { inScope } from '../scope';
import { slaState } from '../sla';
import { staffActions } from '../ticket-actions';
import { ticketMatches, toQuery } from '../ticket-filter';
import { isUrgent } from '../urgency';

const HOUR = 3_600_000;
const now = Date.parse('2026-03-10T08:00:00Z');

function ticket(over: Partial<TicketDto> = {}): TicketDto {
  return {
    id: 'a'.repeat(24),
    no: 'BM-000001',
    communityId: 'beimen',
    category: '水电',
    title: '水管漏水',
    description: '2单元水管漏水',
    attachments: [],
    channel: 'app',
    reporter: { name: '王秀兰' },
    status: 'submitted',
    slaDueAt: new Date(now + 8 * HOUR).toISOString(),
    overdue: false,
    urgeCount: 0,
    followerCount: 0,
    households: 1,
    priority: 'normal',
    timeline: [],
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
    ...over,
  };
}

describe('staffActions', () => {
  it('offers exactly the moves the transition table allows staff', () => {
    expect(staffActions(ticket({ status: 'submitted' }), now)).toEqual(['accept', 'assign', 'cancel']);
    expect(staffActions(ticket({ status: 'accepted' }), now)).toEqual(['assign', 'start', 'cancel']);
    expect(staffActions(ticket({ status: 'in_progress' }), now)).toEqual(['resolve']);
    expect(staffActions(ticket({ status: 'cancelled' }), now)).toEqual([]);
  });

  it('offers reopen only within 7 days of resolution', () => {
    const recent = ticket({ status: 'resolved', resolvedAt: new Date(now - 2 * 24 * HOUR).toISOString() });
    const old = ticket({ status: 'closed', resolvedAt: new Date(now - 8 * 24 * HOUR).toISOString() });
    expect(staffActions(recent, now)).toEqual(['close', 'reopen']);
    expect(staffActions(old, now)).toEqual([]);
  });
});

describe('slaState', () => {
  it('counts down, warns in the last quarter, and marks overdue', () => {
    expect(slaState(ticket(), now)).toMatchObject({ level: 'ok', label: '剩余 8小时' });
    expect(slaState(ticket(), now + 6.5 * HOUR).level).toBe('soon');
    expect(slaState(ticket(), now + 9 * HOUR + 30 * 60_000)).toMatchObject({ level: 'overdue', label: '已超时 1小时30分' });
  });

  it('stops once the ticket is finished', () => {
    expect(slaState(ticket({ status: 'resolved' }), now + 100 * HOUR).level).toBe('done');
  });
});

describe('mergeLive', () => {
  const open = (t: TicketDto) => t.status !== 'resolved';
  it('puts a new match on top, updates in place, and drops items that stop matching', () => {
    const a = ticket({ id: 'a'.repeat(24) });
    const b = ticket({ id: 'b'.repeat(24), no: 'BM-000002' });
    let list = mergeLive([a], b, open);
    expect(list.map((t) => t.no)).toEqual(['BM-000002', 'BM-000001']);
    list = mergeLive(list, { ...a, status: 'accepted' }, open);
    expect(list[1]!.status).toBe('accepted');
    list = mergeLive(list, { ...b, status: 'resolved' }, open);
    expect(list.map((t) => t.no)).toEqual(['BM-000001']);
  });

  it('ignores a non-matching item it never had', () => {
    const list = [ticket()];
    expect(mergeLive(list, ticket({ id: 'c'.repeat(24), status: 'resolved' }), open)).toBe(list);
  });
});

describe('ticket filters', () => {
  it('matches pushed tickets the way the server filters the list', () => {
    const t = ticket({ location: { building: '3号楼' } });
    expect(ticketMatches({ status: ['submitted'], building: '3号楼' }, t)).toBe(true);
    expect(ticketMatches({ building: '4号楼' }, t)).toBe(false);
    expect(ticketMatches({ category: '电梯' }, t)).toBe(false);
    expect(ticketMatches({ mine: true }, { ...t, assigneeId: 'me' }, 'me')).toBe(true);
    expect(ticketMatches({ q: '王秀兰' }, t)).toBe(true);
  });

  it('builds the query string parameters', () => {
    expect(toQuery({ status: ['submitted', 'accepted'], overdue: true })).toEqual({
      status: 'submitted,accepted',
      category: undefined,
      building: undefined,
      overdue: '1',
      mine: undefined,
      q: undefined,
    });
  });

  it('treats gas, lifts, hazards, overdue and repeatedly urged tickets as urgent', () => {
    expect(isUrgent(ticket({ category: '燃气' }))).toBe(true);
    expect(isUrgent(ticket({ overdue: true }))).toBe(true);
    expect(isUrgent(ticket({ urgeCount: 2 }))).toBe(true);
    expect(isUrgent(ticket())).toBe(false);
  });
});

describe('inScope', () => {
  it('lets admins and staff see everything and grid workers only their buildings', () => {
    const t3 = { location: { building: '3号楼' } };
    expect(inScope({ roles: ['admin'], buildings: [] }, t3)).toBe(true);
    expect(inScope({ roles: ['grid'], buildings: ['1号楼', '2号楼', '3号楼'] }, t3)).toBe(true);
    expect(inScope({ roles: ['grid'], buildings: ['4号楼'] }, t3)).toBe(false);
    expect(inScope({ roles: ['grid'], buildings: ['4号楼'] }, {})).toBe(false);
  });
});
