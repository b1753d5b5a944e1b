// 心愿投票: a round's items with live vote counts; while it is open the household picks up to N items, once, after confirming them.
import { View } from '@tarojs/components';
import { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { WishRoundDto } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { WishItem } from '../../components/wish-item';
import { useAsyncAction } from '../../hooks/use-async-action';
import { useServerEvent } from '../../hooks/use-server-event';
import { whenLoggedIn } from '../../services/auth';
import { ApiError } from '../../services/errors';
import { formatTime } from '../../services/format';
import { applyWishUpdate, castVote, getRound, votesFor } from '../../services/wishlist';
import { wishRoundShare } from '../../services/share';

export default function WishRoundPage() {
  const { params } = useRouter();
  const id = String(params.id ?? '');
  const [round, setRound] = useState<WishRoundDto | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  // The vote cannot be changed: a second step on the page (not a pop-up) names the choice before it is sent.
  const [confirming, setConfirming] = useState(false);
  const load = useAsyncAction(useCallback(async () => setRound(await getRound(id)), [id]));
  const vote = useAsyncAction(async () => {
    if (picked.length === 0) throw new ApiError('请至少选择 1 项', 0, 'VALIDATION');
    const r = await castVote(id, picked);
    setRound((prev) => (prev ? { ...prev, tally: r.tally, myVote: r.vote } : prev));
  });
  useDidShow(() => whenLoggedIn(() => load.run()));
  useShareAppMessage(() => wishRoundShare(id, round));
  useServerEvent('wishlist:updated', (e) => setRound((r) => (r ? applyWishUpdate(r, e) : r)), () => void load.run());

  if (!round) return <PageFrame testId="wish-round-page">{<ErrorBanner message={load.error} />}</PageFrame>;
  const voting = round.phase === 'open' && !round.myVote;
  const toggle = (itemId: string) => {
    setConfirming(false);
    setPicked((p) => (p.includes(itemId) ? p.filter((x) => x !== itemId) : p.length < round.maxChoices ? [...p, itemId] : p));
  };
  const ask = () => {
    if (picked.length === 0) vote.setError('请至少选择 1 项');
    else {
      vote.setError(null);
      setConfirming(true);
    }
  };
  const chosen = round.items.filter((i) => picked.includes(i.id));

  return (
    <PageFrame testId="wish-round-page">
      <View className="card">
        <View className="section-title">{round.title}</View>
        {round.description && <View>{round.description}</View>}
        <View className="muted">
          {formatTime(round.opensAt)} 至 {formatTime(round.closesAt)} · 每户可选 {round.maxChoices} 项 · 已有 {round.tally.households} 户参与
        </View>
        {round.myVote && (
          <View className="banner-ok gap" data-testid="my-vote">
            我家已{round.myVote.source === 'paper' ? '在居民代表大会上' : '在线'}投票（{formatTime(round.myVote.at)}），每户只能投一次。
          </View>
        )}
        {voting && <View className="gap">请选择最希望改造的项目（已选 {picked.length}/{round.maxChoices}）</View>}
      </View>
      {round.items.map((item) => (
        <WishItem
          key={item.id}
          item={item}
          votes={votesFor(round.tally, item.id)}
          selectable={voting}
          selected={voting ? picked.includes(item.id) : !!round.myVote?.itemIds.includes(item.id)}
          mine={!!round.myVote?.itemIds.includes(item.id)}
          onToggle={() => toggle(item.id)}
        />
      ))}
      <ErrorBanner message={vote.error} />
      {voting && !confirming && (
        <ActionButton primary testId="wish-vote" onClick={ask}>
          {`提交我家的选择（${picked.length} 项）`}
        </ActionButton>
      )}
      {voting && confirming && (
        <View className="card official" data-testid="wish-confirm">
          <View className="strong">确认投给这 {chosen.length} 项吗？每户只能投一次，投出后不能更改。</View>
          {chosen.map((i) => (
            <View key={i.id}>
              {i.no}. {i.title}
            </View>
          ))}
          <ActionButton primary testId="wish-vote-confirm" disabled={vote.busy} onClick={() => void vote.run()}>
            {vote.busy ? '正在提交…' : '确认投票'}
          </ActionButton>
          <ActionButton testId="wish-vote-cancel" disabled={vote.busy} onClick={() => setConfirming(false)}>
            再想想
          </ActionButton>
        </View>
      )}
    </PageFrame>
  );
}
