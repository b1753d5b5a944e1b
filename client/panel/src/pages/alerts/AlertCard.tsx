// One alert: severity, what and where, count, escalation level, legal actions (确认/解决), 一键播报 when its building announcement waits, and 转工单, with its trail on demand.
import { useState } from 'react';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import {
  ALERT_ACTION_LABELS,
  ALERT_SEVERITY_LABELS,
  ALERT_STATUS_LABELS,
  ESCALATION_LEVEL_LABELS,
  ESCALATION_LEVELS,
  legalAlertActions,
  type AlertDto,
  type BroadcastDto,
  type NotifyDeliveryDto,
} from '@linli/contracts';
import { alertsApi, SEVERITY_COLORS } from '../../api/alerts';
import { broadcastApi } from '../../api/broadcast';
import { PromptModal } from '../../components/PromptModal';
import { fmtDateTime, fromNow } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { AlertDeliveries } from './AlertDeliveries';
import { AlertHistory } from './AlertHistory';
import { errorMessage } from '../../lib/errors';

/** "2:05 后升级至社区值班人员" while nobody has taken it; nothing once acknowledged or when the policy has no step left. */
function EscalationCountdown({ alert }: { alert: AlertDto }) {
  const now = useNow(1000);
  const next = alert.nextLevel;
  if (alert.status !== 'raised' || !alert.nextEscalationAt || !next) return null;
  const left = Math.max(0, Math.round((new Date(alert.nextEscalationAt).getTime() - now) / 1000));
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  // After the last step a repeating policy starts over: that is telling again, not escalating.
  const verb = next === alert.level || ESCALATION_LEVELS.indexOf(next) < ESCALATION_LEVELS.indexOf(alert.level) ? '再次通知' : '升级至';
  return (
    <Tag color="red" data-testid="alert-countdown" aria-live="off">
      {left > 0 ? `${text} 后${verb}${ESCALATION_LEVEL_LABELS[next]}` : `正在${verb}${ESCALATION_LEVEL_LABELS[next]}`}
    </Tag>
  );
}

export function AlertCard({ alert, onChanged, announcement, onAnnounced }: { alert: AlertDto; onChanged: (a: AlertDto) => void; announcement?: BroadcastDto; onAnnounced?: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [resolving, setResolving] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [full, setFull] = useState<AlertDto | null>(null);
  const [deliveries, setDeliveries] = useState<NotifyDeliveryDto[] | null>(null);

  const run = async (key: string, fn: () => Promise<AlertDto>, done: string) => {
    setBusy(key);
    try {
      const a = await fn();
      onChanged(a);
      if (full) setFull(a);
      message.success(done);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const toggleHistory = () => {
    if (full) return setFull(null);
    alertsApi.get(alert.id).then(setFull, () => message.error('加载失败'));
    alertsApi.deliveries(alert.id).then((r) => setDeliveries(r.items), () => setDeliveries(null));
  };
  const where = alert.subject
    ? `${alert.subject.name} · ${alert.subject.building ?? ''}${alert.subject.unit ?? ''}${alert.subject.room ?? ''}`
    : [alert.location?.building, alert.location?.text].filter(Boolean).join(' ');

  return (
    <Card size="small" style={{ marginBottom: 12, borderLeft: `4px solid ${SEVERITY_COLORS[alert.severity]}` }} data-testid="alert-card" data-alert-id={alert.id}>
      <Space wrap size={6}>
        <Tag color={SEVERITY_COLORS[alert.severity]}>{ALERT_SEVERITY_LABELS[alert.severity]}</Tag>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {alert.title || alert.typeLabel}
        </Typography.Text>
        <Tag data-testid="alert-status">{ALERT_STATUS_LABELS[alert.status]}</Tag>
        {alert.count > 1 && <Tag color="volcano">重复 {alert.count} 次</Tag>}
        {alert.status !== 'resolved' && alert.level !== 'grid' && <Tag color="orange">已升级至{ESCALATION_LEVEL_LABELS[alert.level]}</Tag>}
        <EscalationCountdown alert={alert} />
        {alert.ticketNo && <Tag color="purple" style={{ cursor: 'pointer' }} onClick={() => alert.ticketId && navigate(`/tickets/${alert.ticketId}`)}>工单 {alert.ticketNo}</Tag>}
      </Space>
      <div style={{ margin: '6px 0', color: '#595959' }}>
        {where || '—'}
        {alert.deviceName ? ` · ${alert.deviceName}` : ''} · 首次 {fmtDateTime(alert.firstSeenAt)} · 最近 {fromNow(alert.lastSeenAt)}
        {alert.data?.value !== undefined && ` · 读数 ${String(alert.data.value)}`}
      </div>
      {alert.resolution && <div>处理结果：{alert.resolution}</div>}
      <Space wrap>
        {legalAlertActions(alert.status).map((a) => (
          <Button
            key={a}
            size="small"
            type={a === 'ack' ? 'primary' : 'default'}
            loading={busy === a}
            onClick={() => (a === 'ack' ? run('ack', () => alertsApi.ack(alert.id), '已确认') : setResolving(true))}
            data-testid={`alert-${a}`}
          >
            {ALERT_ACTION_LABELS[a]}
          </Button>
        ))}
        {announcement && alert.status !== 'resolved' && (
          <Button
            size="small"
            type="primary"
            danger
            loading={busy === 'announce'}
            data-testid="alert-announce"
            title={`在${announcement.zoneLabel}的广播里播放：${announcement.text}`}
            onClick={async () => {
              setBusy('announce');
              try {
                await broadcastApi.confirm(announcement.id);
                message.success(`已确认，正在${announcement.zoneLabel}播报`);
                onAnnounced?.();
              } catch (e) {
                message.error(errorMessage(e));
              } finally {
                setBusy(null);
              }
            }}
          >
            一键播报
          </Button>
        )}
        {!alert.ticketId && alert.status !== 'resolved' && (
          <Button size="small" loading={busy === 'ticket'} onClick={() => run('ticket', async () => (await alertsApi.toTicket(alert.id)).alert, '已转为工单')}>
            转工单
          </Button>
        )}
        <Button size="small" type="link" onClick={toggleHistory}>
          {full ? '收起记录' : '处理记录'}
        </Button>
      </Space>
      {full?.history && (
        <div style={{ marginTop: 12 }}>
          <AlertHistory history={full.history} />
          {deliveries && (
            <>
              <Space style={{ marginTop: 8 }}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  短信与电话通知
                </Typography.Title>
                <Button size="small" data-testid="alert-deliveries-xlsx" onClick={() => alertsApi.deliveriesXlsx(alert.id).catch(() => message.error('导出失败'))}>
                  导出 Excel
                </Button>
              </Space>
              <AlertDeliveries items={deliveries} />
            </>
          )}
        </div>
      )}
      <PromptModal
        open={resolving}
        title={`解决预警 · ${alert.typeLabel}`}
        placeholder="处理结果（必填），例如：已到现场，确认为误报"
        maxLength={500}
        onCancel={() => setResolving(false)}
        onOk={async (note) => {
          setResolving(false);
          await run('resolve', () => alertsApi.resolve(alert.id, note), '已解决');
        }}
      />
    </Card>
  );
}
