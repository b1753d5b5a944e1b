// One broadcast's delivery ledger: each speaker's outcome per play (sent, played, failed, offline), refreshed while open; pending alert announcements are confirmed here with one tap.
import { useEffect, useState } from 'react';
import { App, Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import {
  BROADCAST_PLAY_STATUS_LABELS,
  BROADCAST_SOURCE_LABELS,
  BROADCAST_STATUS_LABELS,
  SPEAKER_DELIVERY_STATUS_LABELS,
  type BroadcastDto,
  type SpeakerDeliveryStatus,
} from '@linli/contracts';
import { broadcastApi } from '../../api/broadcast';
import { errorMessage } from '../../lib/errors';
import { fmtTime } from '../../lib/time';

export const DELIVERY_COLORS: Record<SpeakerDeliveryStatus, string> = { queued: 'default', sent: 'processing', played: 'success', failed: 'error', offline: 'warning' };
const REFRESH_MS = 2000;

export function BroadcastLedger({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const [b, setB] = useState<BroadcastDto | null>(null);
  const [acting, setActing] = useState(false);

  useEffect(() => {
    setB(null);
    if (!id) return;
    let alive = true;
    const load = () => broadcastApi.get(id).then((x) => alive && setB(x)).catch(() => undefined);
    void load();
    // Acknowledgements arrive as the speakers play: the ledger follows them while the drawer is open.
    const t = window.setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      window.clearInterval(t);
    };
  }, [id]);

  const act = async (what: 'confirm' | 'cancel') => {
    if (!b) return;
    setActing(true);
    try {
      setB(await (what === 'confirm' ? broadcastApi.confirm(b.id) : broadcastApi.cancel(b.id)));
      message.success(what === 'confirm' ? '已确认，正在播报' : '已取消');
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setActing(false);
    }
  };

  const counts = (b?.deliveries ?? []).reduce<Record<string, number>>((m, d) => ((m[d.status] = (m[d.status] ?? 0) + 1), m), {});
  return (
    <Drawer open={!!id} onClose={onClose} width={720} title="广播记录" data-testid="broadcast-ledger">
      {b && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="内容" span={2}>
              {b.text || <Typography.Text type="secondary">（现场喊话录音）</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag>{BROADCAST_STATUS_LABELS[b.status]}</Tag>
              {b.urgent && <Tag color="red">紧急</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="来源">{BROADCAST_SOURCE_LABELS[b.source]}</Descriptions.Item>
            {b.failure && (
              <Descriptions.Item label="未播报原因" span={2}>
                <Typography.Text type="danger">{b.failure}</Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="区域">{b.zoneLabel}</Descriptions.Item>
            <Descriptions.Item label="遍数">{b.repeat}</Descriptions.Item>
            <Descriptions.Item label="播放时间" span={2}>
              {b.plays.map((p, i) => (
                <div key={i}>
                  {fmtTime(p.at)} · {BROADCAST_PLAY_STATUS_LABELS[p.status]}
                  {p.heldUntil ? `（顺延至 ${fmtTime(p.heldUntil)}）` : ''}
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="音频" span={2}>
              {b.audio.url ? <audio controls src={b.audio.url} style={{ height: 32 }} /> : <Typography.Text type="secondary">播放时合成</Typography.Text>}
            </Descriptions.Item>
          </Descriptions>
          <Space style={{ margin: '12px 0' }}>
            {b.status === 'pending' && (
              <Button type="primary" danger loading={acting} onClick={() => act('confirm')} data-testid="broadcast-confirm">
                确认播报
              </Button>
            )}
            {(b.status === 'pending' || b.status === 'scheduled') && (
              <Button loading={acting} onClick={() => act('cancel')}>
                取消广播
              </Button>
            )}
            {Object.entries(counts).map(([s, n]) => (
              <Tag key={s} color={DELIVERY_COLORS[s as SpeakerDeliveryStatus]}>
                {SPEAKER_DELIVERY_STATUS_LABELS[s as SpeakerDeliveryStatus]} {n}
              </Tag>
            ))}
          </Space>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={b.deliveries ?? []}
            locale={{ emptyText: b.status === 'pending' ? '确认后下发到音柱' : '尚未下发' }}
            data-testid="broadcast-deliveries"
            columns={[
              { title: '音柱', render: (_, d) => d.speaker.name },
              ...(b.plays.length > 1 ? [{ title: '场次', render: (_: unknown, d: { play: number }) => `第 ${d.play + 1} 次` }] : []),
              { title: '结果', render: (_, d) => <Tag color={DELIVERY_COLORS[d.status]}>{SPEAKER_DELIVERY_STATUS_LABELS[d.status]}</Tag> },
              { title: '说明', render: (_, d) => d.reason ?? d.history.at(-1)?.note ?? '' },
              { title: '开始', render: (_, d) => (d.startAt ? fmtTime(d.startAt) : '') },
              { title: '更新', render: (_, d) => fmtTime(d.updatedAt) },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
