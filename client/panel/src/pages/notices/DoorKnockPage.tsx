// 上门名单: an urgent notice's households still unread (or unreachable) after its set time, per grid worker — printable, phone reveal (audited) with tel: links, check-off with outcome.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Empty, Input, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  DOOR_KNOCK_OUTCOMES,
  DOOR_KNOCK_REASON_LABELS,
  type DoorKnockHousehold,
  type DoorKnockListDto,
  type DoorKnockOutcome,
  type StaffDto,
} from '@linli/contracts';
import { noticesApi } from '../../api/notices';
import { useSocketEvent } from '../../api/realtime';
import { session } from '../../api/session';
import { ticketsApi } from '../../api/tickets';
import { RevealPhone } from '../../components/RevealPhone';
import { errorMessage } from '../../lib/errors';
import { fmtDateTime } from '../../lib/time';

const keyOf = (h: Pick<DoorKnockHousehold, 'building' | 'unit' | 'room'>) => `${h.building}|${h.unit}|${h.room}`;

/** Check-off of one household: outcome (其他 needs a note). */
function CheckOff({ noticeId, h, onDone }: { noticeId: string; h: DoorKnockHousehold; onDone: (h: DoorKnockHousehold) => void }) {
  const { message } = App.useApp();
  const [outcome, setOutcome] = useState<DoorKnockOutcome | undefined>(h.visit?.outcome);
  const [note, setNote] = useState(h.visit?.note ?? '');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!outcome) return void message.warning('请选择上门结果');
    setBusy(true);
    try {
      onDone(await noticesApi.visit(noticeId, { building: h.building, unit: h.unit, room: h.room, outcome, ...(note.trim() ? { note: note.trim() } : {}) }));
      message.success('已登记');
    } catch (e) {
      message.error(errorMessage(e, '登记失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space className="no-print" wrap>
      <Select<DoorKnockOutcome>
        size="small"
        placeholder="上门结果"
        aria-label="上门结果"
        style={{ width: 120 }}
        value={outcome}
        onChange={setOutcome}
        options={DOOR_KNOCK_OUTCOMES.map((o) => ({ value: o, label: o }))}
        data-testid="door-knock-outcome"
      />
      <Input size="small" placeholder={outcome === '其他' ? '请填写说明' : '备注（可选）'} value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} style={{ width: 160 }} />
      <Button size="small" type="primary" loading={busy} onClick={save} data-testid="door-knock-save">
        登记
      </Button>
    </Space>
  );
}

export function DoorKnockPage() {
  const { id = '' } = useParams();
  const [list, setList] = useState<DoorKnockListDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [grid, setGrid] = useState<StaffDto[]>([]);
  const me = session.user();
  const scoped = !!me && !me.roles.includes('admin') && !me.roles.includes('staff');
  const [worker, setWorker] = useState<string | undefined>();

  const load = useCallback(() => {
    noticesApi.doorKnock(id).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e) => setError(errorMessage(e, '加载失败')),
    );
  }, [id]);
  useEffect(() => {
    load();
    // Live: a late read marks a household; a colleague's check-off shows up.
    const t = setInterval(load, 30_000);
    return () => clearInterval(t);
  }, [load]);
  // The page was open while waiting: it turns into the list the moment the list is made.
  useSocketEvent('notice:door-knock', (e) => {
    if (e.noticeId === id) load();
  });
  useEffect(() => {
    if (!scoped) ticketsApi.staff().then((r) => setGrid(r.items.filter((s) => s.roles.includes('grid'))), () => undefined);
  }, [scoped]);

  const buildings = useMemo(() => (worker ? grid.find((g) => g.id === worker)?.buildings ?? [] : null), [worker, grid]);
  const rows = useMemo(() => (list?.households ?? []).filter((h) => !buildings || buildings.includes(h.building)), [list, buildings]);
  const replace = (h: DoorKnockHousehold) =>
    setList((l) => (l ? { ...l, households: l.households.map((x) => (keyOf(x) === keyOf(h) ? h : x)), remaining: l.households.filter((x) => keyOf(x) !== keyOf(h) && !x.readAt && !x.visit).length } : l));

  const workerName = worker ? grid.find((g) => g.id === worker)?.name : scoped ? me?.name : undefined;
  const left = rows.filter((h) => !h.readAt && !h.visit).length;
  return (
    <div data-testid="door-knock">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/notices">通知公告</Link> }, { title: <Link to={`/notices/${id}`}>{list?.title ?? '…'}</Link> }, { title: '上门名单' }]}
      />
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Card
        title={
          <Space direction="vertical" size={0}>
            <span>上门名单 · {list?.title ?? ''}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
              {workerName ? `网格员：${workerName}` : '全部楼栋'}
              {buildings && buildings.length > 0 && `（${buildings.join('、')}）`}
              {scoped && list?.buildings && `（${list.buildings.join('、')}）`}
              {list?.openedAt && ` · 生成于 ${fmtDateTime(list.openedAt)}`}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space className="no-print">
            {!scoped && (
              <Select
                allowClear
                placeholder="按网格员"
                aria-label="按网格员"
                style={{ width: 180 }}
                value={worker}
                onChange={setWorker}
                options={grid.map((g) => ({ value: g.id, label: `${g.name}（${g.buildings.join('、')}）` }))}
                data-testid="door-knock-worker"
              />
            )}
            <Button icon={<ReloadOutlined />} onClick={load}>
              刷新
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={list?.status !== 'open'}>
              打印
            </Button>
          </Space>
        }
      >
        {list?.status === 'none' && <Empty description="这条通知没有设置上门名单" />}
        {list?.status === 'waiting' && (
          <Alert type="info" showIcon message={`上门名单将于 ${fmtDateTime(list.dueAt)} 生成：届时仍未阅读或未能送达的住户会列在这里`} />
        )}
        {list?.status === 'open' && (
          <>
            <Space size={40} style={{ marginBottom: 16 }}>
              <Statistic title="名单户数" value={rows.length} suffix="户" />
              <Statistic title="待上门" value={left} suffix="户" valueStyle={{ color: left ? '#cf1322' : '#237804' }} data-testid="door-knock-left" />
              <Statistic title="已自行阅读" value={rows.filter((h) => h.readAt).length} suffix="户" />
            </Space>
            <Table<DoorKnockHousehold>
              rowKey={keyOf}
              size="small"
              pagination={false}
              dataSource={rows}
              locale={{ emptyText: '没有需要上门的住户' }}
              rowClassName={(h) => (h.readAt || h.visit ? 'door-knock-done' : '')}
              columns={[
                { title: '住址', width: 170, render: (_, h) => <Typography.Text strong>{`${h.building} ${h.unit} ${h.room}`}</Typography.Text> },
                {
                  title: '住户',
                  render: (_, h) => (
                    <Space direction="vertical" size={0}>
                      {h.people.map((p) => (
                        <Space key={p.residentId} size={8}>
                          <span>{p.name}</span>
                          <RevealPhone residentId={p.residentId} masked={p.phone ?? null} testId="door-knock" />
                        </Space>
                      ))}
                    </Space>
                  ),
                },
                { title: '原因', width: 90, render: (_, h) => <Tag color={h.reason === 'unreached' ? 'red' : 'orange'}>{DOOR_KNOCK_REASON_LABELS[h.reason]}</Tag> },
                {
                  title: '结果',
                  width: 200,
                  render: (_, h) => (
                    <Space direction="vertical" size={0}>
                      {h.readAt && <Tag color="green">已自行阅读 {fmtDateTime(h.readAt)}</Tag>}
                      {h.visit && (
                        <span data-testid="door-knock-visit">
                          <Tag color="blue">{h.visit.outcome}</Tag>
                          {h.visit.note && <Typography.Text type="secondary">{h.visit.note}</Typography.Text>}
                          <div>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {h.visit.by.name} {fmtDateTime(h.visit.at)}
                            </Typography.Text>
                          </div>
                        </span>
                      )}
                      {!h.readAt && !h.visit && <span className="print-only">□ 已告知 □ 不在家 □ 已电话告知 □ 其他____</span>}
                    </Space>
                  ),
                },
                { title: '登记', className: 'no-print', width: 380, render: (_, h) => (h.readAt ? null : <CheckOff noticeId={id} h={h} onDone={replace} />) },
              ]}
            />
          </>
        )}
      </Card>
    </div>
  );
}
