// 工作台: today's numbers and the live lists staff work from (tickets; posts and alerts once those APIs exist).
import { OPEN_TICKET_STATUSES } from '@linli/contracts';
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Row, Segmented, Select, Space, Statistic } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { TICKET_CATEGORIES, type TicketCategory, type TicketDto } from '@linli/contracts';
import { useCommunity } from '../../api/community';
import { DeskRegisterModal } from '../tickets/DeskRegisterModal';
import { useLiveTickets } from '../tickets/use-live-tickets';
import { slaState } from '../../lib/sla';
import { chime, isUrgent } from '../../lib/urgency';
import { useNow } from '../../lib/use-now';
import { TicketInboxList } from './TicketInboxList';
import { INBOX_PANELS } from './panels';

type View = 'all' | 'new' | 'overdue';

const ticketSpan = INBOX_PANELS.length === 0 ? 24 : INBOX_PANELS.length === 1 ? 13 : 10;
const panelSpan = INBOX_PANELS.length ? Math.floor((24 - ticketSpan) / INBOX_PANELS.length) : 0;

export function InboxPage() {
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const now = useNow(30_000);
  const [view, setView] = useState<View>('all');
  const [desk, setDesk] = useState(false);
  const [category, setCategory] = useState<TicketCategory | undefined>();
  const [building, setBuilding] = useState<string | undefined>();
  const community = useCommunity();
  const onNew = (t: TicketDto) => {
    if (!isUrgent(t)) return;
    chime();
    notification.warning({ message: `紧急工单 ${t.no}`, description: `${t.category} · ${t.title}`, placement: 'bottomRight', onClick: () => navigate(`/tickets/${t.id}`) });
  };
  const open = useLiveTickets({ status: [...OPEN_TICKET_STATUSES], category, building }, { limit: 100, onNew });

  const stats = useMemo(() => {
    const today = new Date(now).toDateString();
    return {
      submitted: open.items.filter((t) => t.status === 'submitted').length,
      working: open.items.filter((t) => t.status !== 'submitted').length,
      overdue: open.items.filter((t) => slaState(t, now).level === 'overdue').length,
      today: open.items.filter((t) => new Date(t.createdAt).toDateString() === today).length,
    };
  }, [open.items, now]);

  const shown = open.items.filter((t) =>
    view === 'new' ? t.status === 'submitted' : view === 'overdue' ? slaState(t, now).level === 'overdue' : true,
  );
  const more = open.hasMore ? '+' : '';

  return (
    <div data-testid="inbox">
      <div className="page-title">
        <h2>工作台</h2>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDesk(true)}>
          会客厅登记
        </Button>
      </div>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {[
          { title: '待受理', value: stats.submitted, color: '#ad4e00' },
          { title: '处理中', value: stats.working, color: '#1668dc' },
          { title: '已超时', value: stats.overdue, color: '#cf1322' },
          { title: '今日新增（未办结）', value: stats.today, color: '#006d75' },
        ].map((s) => (
          <Col xs={12} lg={6} key={s.title}>
            <Card className="stat-card" bordered={false}>
              <Statistic title={s.title} value={s.value} suffix={more} valueStyle={{ color: s.color, fontWeight: 600 }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={ticketSpan}>
          <TicketInboxList
            title="未办结工单"
            items={shown}
            fresh={open.fresh}
            loading={open.loading}
            toolbar={
              <Space size={6}>
                <Select size="small" allowClear placeholder="全部类别" aria-label="全部类别" style={{ width: 110 }} value={category} onChange={setCategory} options={TICKET_CATEGORIES.map((c) => ({ value: c, label: c }))} />
                <Select size="small" allowClear placeholder="全部楼栋" aria-label="全部楼栋" style={{ width: 110 }} value={building} onChange={setBuilding} options={(community?.buildings ?? []).map((b) => ({ value: b, label: b }))} />
              </Space>
            }
            extra={
              <Segmented
                size="small"
                value={view}
                onChange={(v) => setView(v as View)}
                options={[
                  { value: 'all', label: '全部' },
                  { value: 'new', label: '待受理' },
                  { value: 'overdue', label: '超时' },
                ]}
              />
            }
          />
        </Col>
        {INBOX_PANELS.map((P, i) => (
          <Col xs={24} xl={panelSpan} key={i}>
            <P />
          </Col>
        ))}
      </Row>
      <DeskRegisterModal open={desk} onClose={() => setDesk(false)} onCreated={(t) => { setDesk(false); navigate(`/tickets/${t.id}`); }} />
    </div>
  );
}
