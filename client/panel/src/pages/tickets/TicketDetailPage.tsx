// One ticket: facts, photos, voice, legal actions, reply/notes and the timeline, kept live over Socket.io.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Breadcrumb, Card, Col, Descriptions, Image, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { TicketDto } from '@linli/contracts';
import { useSocketEvent, useSocketResync } from '../../api/realtime';
import { ticketsApi } from '../../api/tickets';
import { SlaTag } from '../../components/SlaTag';
import { TicketStatusTag } from '../../components/TicketStatusTag';
import { CHANNEL_LABELS } from '../../lib/labels';
import { fmtDateTime } from '../../lib/time';
import { DuplicateBox } from './DuplicateBox';
import { ExtensionBox } from './ExtensionBox';
import { ReplyBox } from './ReplyBox';
import { RevisitBox } from './RevisitBox';
import { TicketActions } from './TicketActions';
import { TicketMessages } from './TicketMessages';
import { TriageBox } from './TriageBox';
import { TicketTimeline } from './TicketTimeline';
import { VoicePlayer } from './VoicePlayer';
import { errorMessage } from '../../lib/errors';

export function TicketDetailPage() {
  const { id = '' } = useParams();
  const [ticket, setTicket] = useState<TicketDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    ticketsApi.get(id).then(setTicket, (e) => setError(errorMessage(e, '加载失败')));
  }, [id]);
  useEffect(load, [load]);
  useSocketResync(load);
  useSocketEvent('ticket:updated', (t) => {
    if (t.id === id) setTicket(t);
  });

  if (error) return <Result status="warning" title={error} extra={<Link to="/tickets">返回工单列表</Link>} />;
  if (!ticket) return <Spin style={{ display: 'block', marginTop: 80 }} />;

  const r = ticket.reporter;
  const loc = ticket.location;
  return (
    <div data-testid="ticket-detail">
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/tickets">工单</Link> }, { title: ticket.no }]} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card
            title={
              <Space size={8}>
                <Typography.Text code>{ticket.no}</Typography.Text>
                <Typography.Text strong ellipsis style={{ maxWidth: 420 }}>
                  {ticket.title}
                </Typography.Text>
              </Space>
            }
            extra={<TicketStatusTag status={ticket.status} />}
          >
            <Space size={6} wrap style={{ marginBottom: 12 }}>
              <Tag color="blue">{ticket.category}</Tag>
              <Tag>{CHANNEL_LABELS[ticket.channel]}</Tag>
              <SlaTag ticket={ticket} />
              {ticket.escalatedAt && <Tag color="red">已超时升级</Tag>}
              {ticket.urgeCount > 0 && <Tag color="volcano">居民催单 {ticket.urgeCount} 次</Tag>}
              {ticket.priority === 'high' && <Tag color="red">加急 · {ticket.households} 户反映</Tag>}
            </Space>
            <DuplicateBox ticket={ticket} onChanged={setTicket} />
            <TriageBox ticket={ticket} onChanged={setTicket} />
            {ticket.overdue && <Alert type="error" showIcon message="该工单已超过处理时限，请尽快处理" style={{ marginBottom: 12 }} />}
            <Typography.Paragraph style={{ fontSize: 15, whiteSpace: 'pre-wrap' }}>{ticket.description}</Typography.Paragraph>
            <VoicePlayer ticket={ticket} onChanged={setTicket} />
            {ticket.attachments.length > 0 && (
              <Image.PreviewGroup>
                <Space wrap style={{ margin: '12px 0' }}>
                  {ticket.attachments
                    .filter((a) => a.mime.startsWith('image/'))
                    .map((a) => (
                      <Image key={a.id} src={a.url} width={104} height={104} style={{ objectFit: 'cover', borderRadius: 6 }} />
                    ))}
                </Space>
              </Image.PreviewGroup>
            )}
            <Descriptions column={2} size="small" style={{ marginTop: 12 }} bordered>
              <Descriptions.Item label="类别">{ticket.category}</Descriptions.Item>
              <Descriptions.Item label="来源">{CHANNEL_LABELS[ticket.channel]}</Descriptions.Item>
              <Descriptions.Item label="报事人">
                {r.name}
                {r.wechatName && r.wechatName !== r.name ? `（微信：${r.wechatName}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="联系电话">{r.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="位置">{loc ? [loc.building, loc.unit, loc.room].filter(Boolean).join(' ') : '—'}</Descriptions.Item>
              <Descriptions.Item label="处理人">{ticket.assigneeName ?? '未派单'}</Descriptions.Item>
              <Descriptions.Item label="提交时间">{fmtDateTime(ticket.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="处理时限">{fmtDateTime(ticket.slaDueAt)}</Descriptions.Item>
              {r.roomTopic && <Descriptions.Item label="来自群聊">{r.roomTopic}</Descriptions.Item>}
              {ticket.rating && (
                <Descriptions.Item label="居民评价">
                  {'★'.repeat(ticket.rating.score)}
                  {ticket.rating.comment ? ` ${ticket.rating.comment}` : ''}
                </Descriptions.Item>
              )}
            </Descriptions>
            <ExtensionBox ticket={ticket} onChanged={setTicket} />
            <RevisitBox ticket={ticket} onChanged={setTicket} />
            <div style={{ marginTop: 16 }}>
              <TicketActions ticket={ticket} onChanged={setTicket} />
            </div>
          </Card>
          <Card title="回复与备注" style={{ marginTop: 16 }}>
            <ReplyBox ticket={ticket} onChanged={setTicket} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="处理记录" data-testid="ticket-timeline">
            <TicketTimeline entries={ticket.timeline} />
          </Card>
          <Card title="短信与微信通知" style={{ marginTop: 16 }}>
            <TicketMessages ticket={ticket} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
