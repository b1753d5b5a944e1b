// A notice with its receipts: read / unread per building (for a door-to-door round), delivery outcomes, CSV export.
import { useEffect, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Collapse, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { NOTICE_CHANNEL_LABELS, NOTICE_STATUS_LABELS, type NoticeDto, type NoticeReceiptPerson, type NoticeReceiptsDto, type NotifyChannel } from '@linli/contracts';
import { noticesApi } from '../../api/notices';
import { RevealPhone } from '../../components/RevealPhone';
import { describeAudience } from '../../lib/audience';
import { fmtDateTime } from '../../lib/time';
import { errorMessage } from '../../lib/errors';
import { NoticeBroadcastCard } from '../broadcast/NoticeBroadcastCard';

const DELIVERY_COLORS = { delivered: 'green', sent: 'blue', pending: 'default', failed: 'red', skipped: 'default' } as const;
const DELIVERY_LABELS = { delivered: '已送达', sent: '已发送', pending: '待发送', failed: '失败', skipped: '未发送' } as const;

function PeopleTable({ people, showRead }: { people: NoticeReceiptPerson[]; showRead: boolean }) {
  return (
    <Table<NoticeReceiptPerson>
      rowKey="residentId"
      size="small"
      pagination={false}
      dataSource={people}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 100 },
        { title: '单元/房号', width: 120, render: (_, p) => `${p.unit} ${p.room}` },
        // Unread people are called or visited: the full number on demand (audited) as a tel: link; read ones need no call.
        { title: '电话', dataIndex: 'phone', width: 190, render: (phone: string | undefined, p) => (showRead ? (phone ?? '—') : <RevealPhone residentId={p.residentId} masked={phone ?? null} testId="receipt-phone" />) },
        ...(showRead ? [{ title: '阅读时间', width: 140, render: (_: unknown, p: NoticeReceiptPerson) => fmtDateTime(p.readAt) }] : []),
        {
          title: '送达情况',
          render: (_, p) =>
            (Object.entries(p.deliveries) as [NotifyChannel, NonNullable<NoticeReceiptPerson['deliveries'][NotifyChannel]>][]).map(([c, d]) => (
              <Tag key={c} color={DELIVERY_COLORS[d.status]} title={d.reason}>
                {NOTICE_CHANNEL_LABELS[c]}：{DELIVERY_LABELS[d.status]}
              </Tag>
            )),
        },
      ]}
    />
  );
}

export function NoticeReceiptsPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const [notice, setNotice] = useState<NoticeDto | null>(null);
  const [receipts, setReceipts] = useState<NoticeReceiptsDto | null>(null);
  const [building, setBuilding] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    noticesApi.get(id).then(setNotice, (e) => setError(errorMessage(e, '加载失败')));
  }, [id]);
  useEffect(() => {
    noticesApi.receipts(id, building).then(setReceipts, (e) => setError(errorMessage(e, '加载失败')));
  }, [id, building]);

  const buildings = receipts?.buildings ?? [];
  return (
    <div data-testid="notice-receipts">
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/notices">通知公告</Link> }, { title: notice?.title ?? '…' }]} />
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={9} className="no-print">
          <Card
            title={notice?.title}
            extra={
              notice && (
                <Space>
                  <Tag>{NOTICE_STATUS_LABELS[notice.status]}</Tag>
                  <Link to={`/notices/${id}/poster`} data-testid="poster-link">
                    <Button size="small" icon={<PrinterOutlined />}>
                      打印海报
                    </Button>
                  </Link>
                </Space>
              )
            }
          >
            {notice && (
              <>
                <Typography.Paragraph type="secondary">
                  {notice.category} · {describeAudience(notice.audience)} · {fmtDateTime(notice.publishedAt ?? notice.publishAt)}
                </Typography.Paragraph>
                <div className="notice-body" dangerouslySetInnerHTML={{ __html: notice.bodyHtml }} />
              </>
            )}
          </Card>
          {notice?.channels?.includes('broadcast') && <NoticeBroadcastCard noticeId={id} />}
        </Col>
        <Col xs={24} xl={15}>
          <Card
            title="阅读回执"
            extra={
              <Space className="no-print">
                <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="receipts-print">
                  打印名单
                </Button>
                <Select allowClear placeholder="全部楼栋" aria-label="全部楼栋" style={{ width: 120 }} value={building} onChange={setBuilding} options={buildings.map((b) => ({ value: b.building, label: b.building }))} />
                {notice?.doorKnock && (
                  <Link to={`/notices/${id}/door-knock`} data-testid="door-knock-link">
                    <Button>上门名单</Button>
                  </Link>
                )}
                <Button icon={<DownloadOutlined />} onClick={() => noticesApi.receiptsXlsx(id, notice?.title ?? id).catch(() => message.error('导出失败'))} data-testid="receipts-xlsx">
                  导出 Excel
                </Button>
              </Space>
            }
          >
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col span={8}>
                <Statistic title="应读" value={receipts?.total ?? '—'} suffix="人" />
              </Col>
              <Col span={8}>
                <Statistic title="已读" value={receipts?.read ?? '—'} suffix="人" valueStyle={{ color: '#237804' }} />
              </Col>
              <Col span={8}>
                <Statistic title="未读" value={receipts?.unread ?? '—'} suffix="人" valueStyle={{ color: '#cf1322' }} data-testid="receipts-unread" />
              </Col>
            </Row>
            <Collapse
              key={buildings.map((b) => b.building).join()}
              defaultActiveKey={buildings.map((b) => b.building)}
              items={buildings.map((b) => ({
                key: b.building,
                label: `${b.building} · 未读 ${b.unread.length} 人 / 已读 ${b.read.length} 人`,
                children: (
                  <>
                    <Typography.Title level={5}>未读（需上门或电话告知）</Typography.Title>
                    <PeopleTable people={b.unread} showRead={false} />
                    {b.read.length > 0 && (
                      <>
                        <Typography.Title level={5} style={{ marginTop: 16 }}>
                          已读
                        </Typography.Title>
                        <PeopleTable people={b.read} showRead />
                      </>
                    )}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
