// 心愿清单: the renovation wish-list rounds (voting open, upcoming, closed) to open one.
import { View } from '@tarojs/components';
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { WishRoundPhase, WishRoundSummaryDto } from '@linli/contracts';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { useAsyncAction } from '../../hooks/use-async-action';
import { whenLoggedIn } from '../../services/auth';
import { formatTime } from '../../services/format';
import { listRounds } from '../../services/wishlist';
import { tappable } from '../../services/a11y';
import { wishlistShare } from '../../services/share';

const PHASE: Record<WishRoundPhase, string> = { upcoming: '即将开始', open: '投票中', closed: '已结束' };

export default function WishlistPage() {
  const [rounds, setRounds] = useState<WishRoundSummaryDto[] | null>(null);
  const load = useAsyncAction(async () => setRounds((await listRounds()).items));
  useDidShow(() => whenLoggedIn(() => load.run()));
  useShareAppMessage(() => wishlistShare);

  return (
    <PageFrame testId="wishlist-page">
      <ErrorBanner message={load.error} />
      {rounds?.length === 0 && <View className="card muted center">暂无心愿清单</View>}
      {rounds?.map((r) => (
        <View key={r.id} className="card" data-testid="wish-round" onClick={() => void Taro.navigateTo({ url: `/pages/wish-round/index?id=${r.id}` })} {...tappable({ role: 'link' })}>
          <View className="row between">
            <View className="strong">{r.title}</View>
            <View className={`tag${r.phase === 'open' ? ' tag-pinned' : ''}`}>{PHASE[r.phase]}</View>
          </View>
          <View className="muted">
            {r.itemCount} 个心愿项 · 每户可选 {r.maxChoices} 项 · 截止 {formatTime(r.closesAt)}
          </View>
        </View>
      ))}
    </PageFrame>
  );
}
