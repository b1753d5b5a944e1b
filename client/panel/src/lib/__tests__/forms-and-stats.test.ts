// Form conversions and computed numbers: desk tickets, audiences, money, big-screen and dashboard stats.
import type { NoticeDto, TicketDto } from '@linli/contracts';
import { deskTicket, fromResident } from '../../pages/tickets/desk-form';
import { buildAudience, describeAudience } from '../audience';
import { dashboardStats, median } from '../dashboard-stats';
import { formatFen, yuanToFen } from '../money';
import { maskName, screenStats } from '../screen-stats';
import { fmtDuration } from '../time';

describe('desk registration', () => {
  it('makes a desk ticket with the reporter named by staff and blank fields left out', () => {
    expect(deskTicket({ name: ' 王秀兰 ', phone: '', category: '水电', description: ' 水龙头滴水 ', building: '3号楼', unit: '', room: '301' })).toEqual({
      channel: 'desk',
      category: '水电',
      description: '水龙头滴水',
      title: undefined,
      attachments: [],
      location: { building: '3号楼', unit: undefined, room: '301' },
      reporter: { name: '王秀兰', phone: undefined, residentId: undefined },
    });
  });

  it('fills who and where from a registered resident', () => {
    const r = { id: 'r1', name: '赵志强', phone: '13800000000', building: '5号楼', unit: '1单元', room: '502' } as never;
    expect(fromResident(r)).toEqual({ residentId: 'r1', name: '赵志强', phone: '13800000000', building: '5号楼', unit: '1单元', room: '502' });
  });
});

describe('notice audience', () => {
  it('keeps only chosen criteria, and nothing chosen means nobody', () => {
    expect(buildAudience({ all: true, buildings: ['1号楼'], tags: [], householdIds: [] })).toEqual({ all: true });
    expect(buildAudience({ all: false, buildings: ['3号楼'], minAge: 70, tags: [], householdIds: [] })).toEqual({ buildings: ['3号楼'], minAge: 70 });
    expect(buildAudience({ all: false, buildings: [], minAge: null, tags: [], householdIds: [] })).toBeNull();
    expect(describeAudience({ buildings: ['3号楼'], minAge: 70, tags: ['独居'] })).toBe('3号楼 · 70岁以上 · 独居');
  });
});

describe('money', () => {
  it('converts yuan to integer fen exactly and rejects bad amounts', () => {
    expect(yuanToFen('1280.5')).toBe(128050);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1,234.56')).toBe(123456);
    expect(yuanToFen('0')).toBeNull();
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-5')).toBeNull();
    expect(formatFen(123456)).toBe('1,234.56');
  });
});

const day = Date.parse('2026-03-10T04:00:00Z'); // 12:00 in Shanghai
const t = (over: Partial<TicketDto>): TicketDto =>
  ({
    id: Math.random().toString(16).slice(2),
    category: '水电',
    status: 'submitted',
    createdAt: new Date(day - 3_600_000).toISOString(),
    slaDueAt: new Date(day + 3_600_000).toISOString(),
    reporter: { name: '王秀兰' },
    ...over,
  }) as TicketDto;

describe('big screen', () => {
  it('counts today in Asia/Shanghai and masks names', () => {
    const s = screenStats(
      [
        t({}),
        t({ category: '电梯', slaDueAt: new Date(day - 60_000).toISOString() }),
        t({ status: 'resolved', resolvedAt: new Date(day - 60_000).toISOString() }),
        t({ createdAt: '2026-03-09T15:30:00Z' }), // 23:30 the day before in Shanghai
      ],
      day,
    );
    expect(s).toMatchObject({ receivedToday: 3, resolvedToday: 1, open: 3, waiting: 3, working: 0, overdue: 1 });
    expect(screenStats([t({ status: 'in_progress' }), t({})], day)).toMatchObject({ waiting: 1, working: 1, open: 2 });
    expect(s.byCategory[0]).toEqual({ category: '水电', count: 2 });
    expect(maskName('王秀兰')).toBe('王**');
  });
});

describe('dashboard', () => {
  it('computes median resolution time, SLA compliance and read rate', () => {
    const created = day - 10 * 3_600_000;
    const s = dashboardStats(
      [
        t({ status: 'resolved', createdAt: new Date(created).toISOString(), resolvedAt: new Date(created + 2 * 3_600_000).toISOString(), slaDueAt: new Date(created + 8 * 3_600_000).toISOString() }),
        t({ status: 'closed', createdAt: new Date(created).toISOString(), resolvedAt: new Date(created + 10 * 3_600_000).toISOString(), slaDueAt: new Date(created + 8 * 3_600_000).toISOString() }),
        t({ slaDueAt: new Date(day - 1).toISOString() }),
      ],
      [{ status: 'published', recipientCount: 10, readCount: 4 } as NoticeDto, { status: 'published', recipientCount: 30, readCount: 26 } as NoticeDto],
      day,
    );
    expect(s.medianResolutionMs).toBe(6 * 3_600_000);
    expect(s.slaCompliance).toBe(0.5);
    expect(s.openOverdue).toBe(1);
    expect(s.noticeReadRate).toBe(0.75);
    expect(s.byStatus.resolved).toBe(1);
    expect(median([3, 1, 2])).toBe(2);
    expect(fmtDuration(26 * 3_600_000)).toBe('1天2小时');
  });
});
