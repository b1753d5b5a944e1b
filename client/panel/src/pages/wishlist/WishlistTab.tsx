// 心愿清单: rounds of the renovation wish list, live tally ranked by votes, item life cycle, paper ballots.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, Select, Space, Statistic, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { WishRoundDto, WishRoundSummaryDto } from '@linli/contracts';
import { useSocketEvent, useSocketResync } from '../../api/realtime';
import { wishlistApi } from '../../api/wishlist';
import { fmtDateTime } from '../../lib/time';
import { PaperBallotsModal } from './PaperBallotsModal';
import { WishItemRow } from './WishItemRow';
import { WishRoundModal } from './WishRoundModal';
import { errorMessage } from '../../lib/errors';
import { ConfirmButton } from '../../components/ConfirmButton';

const PHASE = { upcoming: { label: '未开始', color: 'default' }, open: { label: '投票中', color: 'green' }, closed: { label: '已截止', color: 'default' } } as const;

export function WishlistTab() {
  const { message } = App.useApp();
  const [rounds, setRounds] = useState<WishRoundSummaryDto[]>([]);
  const [roundId, setRoundId] = useState<string | null>(null);
  const [round, setRound] = useState<WishRoundDto | null>(null);
  const [creating, setCreating] = useState(false);
  const [paper, setPaper] = useState(false);

  useEffect(() => {
    wishlistApi.rounds().then((p) => {
      setRounds(p.items);
      setRoundId((id) => id ?? p.items[0]?.id ?? null);
    }, () => undefined);
  }, []);
  const load = useCallback(() => {
    if (roundId) wishlistApi.round(roundId).then(setRound, (e) => message.error(errorMessage(e, '加载失败')));
  }, [roundId, message]);
  useEffect(load, [load]);
  useSocketResync(load);
  useSocketEvent('wishlist:updated', (e) => {
    if (e.roundId !== roundId) return;
    if (e.reason === 'vote' && e.tally) setRound((r) => (r ? { ...r, tally: e.tally! } : r));
    else load();
  });

  const votes = (id: string) => round?.tally.items.find((t) => t.itemId === id)?.votes ?? 0;
  const ranked = round ? [...round.items].sort((a, b) => votes(b.id) - votes(a.id) || a.no - b.no) : [];
  const max = Math.max(1, ...ranked.map((i) => votes(i.id)));

  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Select style={{ width: 320 }} placeholder="选择一轮征集" aria-label="选择一轮征集" value={roundId} onChange={setRoundId} options={rounds.map((r) => ({ value: r.id, label: `${r.title}（${PHASE[r.phase].label}）` }))} />
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          发起征集
        </Button>
      </Space>
      {!round ? (
        <Empty description="还没有心愿征集" />
      ) : (
        <Card
          title={<Space>{round.title}<Tag color={PHASE[round.phase].color}>{PHASE[round.phase].label}</Tag></Space>}
          extra={
            <Space>
              <Button onClick={() => setPaper(true)}>录入纸质选票</Button>
              {round.phase === 'open' && (
                <ConfirmButton danger confirm="确定提前截止本轮征集？" consequence="截止后居民不能再投票，本轮无法重新开放。" okText="截止" onConfirm={() => wishlistApi.close(round.id).then(setRound, (e) => message.error(errorMessage(e)))} data-testid="round-close">
                  提前截止
                </ConfirmButton>
              )}
            </Space>
          }
        >
          <Space size={48} style={{ marginBottom: 8 }}>
            <Statistic title="参与户数" value={round.tally.households} />
            <Statistic title="其中纸质选票" value={round.tally.paperHouseholds} />
            <Statistic title="每户可选" value={round.maxChoices} suffix="项" />
            <Statistic title="投票时间" value={`${fmtDateTime(round.opensAt)} 至 ${fmtDateTime(round.closesAt)}`} valueStyle={{ fontSize: 14 }} />
          </Space>
          {ranked.map((i) => (
            <WishItemRow key={i.id} item={i} votes={votes(i.id)} maxVotes={max} onChanged={(it) => setRound((r) => (r ? { ...r, items: r.items.map((x) => (x.id === it.id ? it : x)) } : r))} />
          ))}
          <PaperBallotsModal round={round} open={paper} onClose={() => setPaper(false)} onDone={() => { setPaper(false); load(); }} />
        </Card>
      )}
      <WishRoundModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          setRounds((l) => [{ id: r.id, title: r.title, maxChoices: r.maxChoices, opensAt: r.opensAt, closesAt: r.closesAt, phase: r.phase, itemCount: r.items.length }, ...l]);
          setRoundId(r.id);
        }}
      />
    </div>
  );
}
