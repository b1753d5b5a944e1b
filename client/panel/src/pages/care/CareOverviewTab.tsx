// 今日平安打卡: who checked in today and who is still missing (overdue first, those away — 住院中 / 外出中 — last), with "上门探访" check-in by staff.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, List, Progress, Row, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { CHECKIN_SOURCE_LABELS, absenceStatusLabel, type CareOverviewDto } from '@linli/contracts';
import { careApi } from '../../api/care';
import { RevealPhone } from '../../components/RevealPhone';
import { fmtTime } from '../../lib/time';
import { errorMessage } from '../../lib/errors';

export function CareOverviewTab() {
  const { message } = App.useApp();
  const [data, setData] = useState<CareOverviewDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    careApi.overview().then((d) => {
      setData(d);
      setError(null);
    }, (e) => setError(errorMessage(e, '加载失败')));
  }, []);
  useEffect(() => {
    load();
    const t = setInterval(load, 60_000);
    return () => clearInterval(t);
  }, [load]);

  const visit = (residentId: string, name: string) =>
    careApi.visit(residentId, '工作人员上门探访').then(() => {
      message.success(`已为${name}登记上门探访`);
      load();
    }, (e) => message.error(errorMessage(e, '登记失败')));

  if (error) return <Alert type="error" message={error} />;
  if (!data) return <Card loading />;
  const rank = (m: CareOverviewDto['missing'][number]) => (m.overdue ? 0 : m.absence ? 2 : 1);
  const missing = [...data.missing].sort((a, b) => rank(a) - rank(b));
  const away = missing.filter((m) => m.absence).length;
  const pct = data.total ? Math.round((data.checkedIn.length / data.total) * 100) : 100;
  return (
    <div data-testid="care-overview">
      <Card style={{ marginBottom: 16 }}>
        <Space size={40} align="center">
          <Progress type="circle" aria-label="今日已打卡比例" percent={pct} size={88} format={() => `${data.checkedIn.length}/${data.total}`} />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {data.day} 平安打卡
            </Typography.Title>
            <Typography.Text type="secondary">
              已打卡 {data.checkedIn.length} 人，未打卡 {data.missing.length - away} 人，其中超过截止时间 {data.missing.filter((m) => m.overdue).length} 人
              {away > 0 && `；外出/住院 ${away} 人`}
            </Typography.Text>
          </div>
          <Button icon={<ReloadOutlined />} onClick={load} className="no-print">
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} className="no-print" data-testid="care-xlsx" onClick={() => careApi.overviewXlsx(data.day).catch(() => message.error('导出失败'))}>
            导出 Excel
          </Button>
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            title={`未打卡（${missing.length - away}）${away ? ` · 外出 ${away}` : ''}`}
            extra={
              <Button size="small" icon={<PrinterOutlined />} className="no-print" onClick={() => window.print()}>
                打印名单
              </Button>
            }
            data-testid="care-missing"
          >
            {missing.length === 0 ? (
              <Empty description="今天大家都报了平安" />
            ) : (
              <List
                dataSource={missing}
                renderItem={(m) => (
                  <List.Item
                    data-testid={`care-missing-${m.residentId}`}
                    actions={m.absence ? [] : [<Button key="v" size="small" className="no-print" onClick={() => visit(m.residentId, m.name)}>登记上门探访</Button>]}
                  >
                    <Space wrap>
                      <Typography.Text strong>{m.name}</Typography.Text>
                      <Typography.Text type="secondary">{m.building}</Typography.Text>
                      {!m.absence && <RevealPhone residentId={m.residentId} testId={`care-missing-phone-${m.residentId}`} />}
                      {m.absence ? (
                        <Tag color={m.absence.reason === '住院' ? 'orange' : 'blue'} title={`${m.absence.reason} ${m.absence.from} 至 ${m.absence.to}`}>
                          {absenceStatusLabel(m.absence.reason)}（至 {m.absence.to.slice(5)}）
                        </Tag>
                      ) : m.overdue ? (
                        <Tag color="red">已过 {m.deadline}</Tag>
                      ) : (
                        <Tag>截止 {m.deadline}</Tag>
                      )}
                      {!m.absence && m.dueAt && fmtTime(m.dueAt, 'HH:mm') !== m.deadline.slice(0, 5) && (
                        <Typography.Text type="secondary">免打扰，{fmtTime(m.dueAt, 'HH:mm')} 询问</Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={`已打卡（${data.checkedIn.length}）`}>
            <List
              dataSource={data.checkedIn}
              locale={{ emptyText: '还没有人打卡' }}
              renderItem={(c) => (
                <List.Item>
                  <Space>
                    <Typography.Text strong>{c.name}</Typography.Text>
                    <Typography.Text type="secondary">{c.building}</Typography.Text>
                    <Tag color="green">{CHECKIN_SOURCE_LABELS[c.source]}</Tag>
                    <Typography.Text type="secondary">{fmtTime(c.at, 'HH:mm')}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
