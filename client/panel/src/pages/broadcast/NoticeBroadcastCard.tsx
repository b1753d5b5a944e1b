// On a notice's receipts page: how its 智慧广播 went (each speaker's outcome), refreshed while the speakers play.
import { useEffect, useState } from 'react';
import { Card, Space, Tag, Typography } from 'antd';
import { BROADCAST_STATUS_LABELS, SPEAKER_DELIVERY_STATUS_LABELS, type BroadcastDto, type SpeakerDeliveryStatus } from '@linli/contracts';
import { Link } from 'react-router-dom';
import { broadcastApi } from '../../api/broadcast';
import { DELIVERY_COLORS } from './BroadcastLedger';

const REFRESH_MS = 3000;

export function NoticeBroadcastCard({ noticeId }: { noticeId: string }) {
  const [b, setB] = useState<BroadcastDto | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const load = async () => {
      const first = (await broadcastApi.ofNotice(noticeId).catch(() => null))?.items[0];
      const detail = first ? await broadcastApi.get(first.id).catch(() => null) : null;
      if (alive) setB(detail);
    };
    void load();
    const t = window.setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      window.clearInterval(t);
    };
  }, [noticeId]);
  const counts = (b?.deliveries ?? []).reduce<Record<string, number>>((m, d) => ((m[d.status] = (m[d.status] ?? 0) + 1), m), {});
  return (
    <Card title="智慧广播" size="small" style={{ marginTop: 16 }} data-testid="notice-broadcast">
      {b === undefined ? (
        <Typography.Text type="secondary">加载中…</Typography.Text>
      ) : !b ? (
        <Typography.Text type="secondary">广播尚未生成（发布后自动合成语音并下发）</Typography.Text>
      ) : (
        <Space direction="vertical">
          <span>
            {b.zoneLabel} · <Tag>{BROADCAST_STATUS_LABELS[b.status]}</Tag>
            {b.failure && <Typography.Text type="danger">{b.failure}</Typography.Text>}
          </span>
          <Space wrap>
            {Object.entries(counts).map(([s, n]) => (
              <Tag key={s} color={DELIVERY_COLORS[s as SpeakerDeliveryStatus]}>
                {SPEAKER_DELIVERY_STATUS_LABELS[s as SpeakerDeliveryStatus]} {n}
              </Tag>
            ))}
            {!b.deliveries?.length && <Typography.Text type="secondary">暂无音柱记录</Typography.Text>}
          </Space>
          <Link to="/broadcast">查看广播记录</Link>
        </Space>
      )}
    </Card>
  );
}
