// Ticket components in jsdom: only legal action buttons, the SLA tag, and public reply vs internal note.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import type { TicketDto } from '@linli/contracts';
import { SlaTag } from '../../../components/SlaTag';
import { ReplyBox } from '../ReplyBox';
import { TicketActions } from '../TicketActions';

const base: TicketDto = {
  id: 'a'.repeat(24),
  no: 'BM-000007',
  communityId: 'beimen',
  category: '电梯',
  title: '电梯停运',
  description: '3号楼电梯停在5楼',
  attachments: [],
  channel: 'bot',
  reporter: { name: '王秀兰' },
  status: 'submitted',
  slaDueAt: new Date(Date.now() + 3_600_000).toISOString(),
  overdue: false,
  urgeCount: 0,
  followerCount: 0,
  households: 1,
  priority: 'normal',
  timeline: [],
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
};

const wrap = (ui: React.ReactElement) => render(<App>{ui}</App>);
const labels = () => screen.queryAllByRole('button').map((b) => b.textContent?.replace(/\s/g, ''));

describe('TicketActions', () => {
  it('shows 受理/派单/撤销 for a new ticket and only 办结 while in progress', () => {
    const { rerender } = wrap(<TicketActions ticket={base} onChanged={() => undefined} />);
    expect(labels()).toEqual(['受理', '派单', '撤销']);
    rerender(
      <App>
        <TicketActions ticket={{ ...base, status: 'in_progress' }} onChanged={() => undefined} />
      </App>,
    );
    expect(labels()).toEqual(['办结']);
  });

  it('renders nothing for a cancelled ticket', () => {
    wrap(<TicketActions ticket={{ ...base, status: 'cancelled' }} onChanged={() => undefined} />);
    expect(screen.queryByTestId('ticket-actions')).toBeNull();
  });
});

describe('SlaTag', () => {
  it('shows the time left, and 已超时 once past the deadline', () => {
    const { rerender } = render(<SlaTag ticket={base} />);
    expect(screen.getByTestId('sla-tag').textContent).toMatch(/剩余 (59分钟|1小时)/);
    rerender(<SlaTag ticket={{ ...base, slaDueAt: new Date(Date.now() - 2 * 3_600_000 - 30_000).toISOString() }} />);
    expect(screen.getByTestId('sla-tag').textContent).toContain('已超时 2小时');
  });
});

describe('ReplyBox', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends an internal note with internal: true to the comments API', async () => {
    localStorage.setItem('linli.panel.token', 't0ken');
    // The network is the boundary here: the browser-level flow against the real server is covered in test/panel.
    const fetchMock = jest.fn(async () => ({ ok: true, status: 201, text: async () => JSON.stringify(base) }));
    (globalThis as { fetch: unknown }).fetch = fetchMock;
    const onChanged = jest.fn();
    wrap(<ReplyBox ticket={base} onChanged={onChanged} />);
    fireEvent.click(screen.getByText('内部备注（仅工作人员）'));
    fireEvent.change(screen.getByTestId('reply-input'), { target: { value: '已联系维保公司' } });
    fireEvent.click(screen.getByTestId('reply-send'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/tickets/${base.id}/comments`);
    expect(JSON.parse(String(init.body))).toEqual({ body: '已联系维保公司', internal: true });
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer t0ken');
  });
});
