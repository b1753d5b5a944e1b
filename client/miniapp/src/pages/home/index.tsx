// 首页: public alerts, shortcuts and notices (unread first); in elder-friendly mode only what matters: 平安打卡 (care programme), report, notices.
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect } from 'react';
import { AlertBanner } from '../../components/alert-banner';
import { CareCheckin } from '../../components/care-checkin';
import { ErrorBanner } from '../../components/error-banner';
import { NoticeCard } from '../../components/notice-card';
import { PageFrame } from '../../components/page-frame';
import { useElderMode } from '../../hooks/use-elder';
import { useHomeFeed } from '../../hooks/use-home-feed';
import { useMyCare } from '../../hooks/use-my-care';
import { whenLoggedIn } from '../../services/auth';
import { useStore } from '../../store/create-store';
import { session } from '../../store/session';
import { tappable } from '../../services/a11y';

const go = {
  report: () => void Taro.switchTab({ url: '/pages/report/index' }),
  tickets: () => void Taro.navigateTo({ url: '/pages/tickets/index' }),
  board: () => void Taro.switchTab({ url: '/pages/board/index' }),
  help: () => void Taro.navigateTo({ url: '/pages/help/index' }),
  ledger: () => void Taro.navigateTo({ url: '/pages/ledger/index' }),
  wishlist: () => void Taro.navigateTo({ url: '/pages/wishlist/index' }),
  notice: (id: string) => void Taro.navigateTo({ url: `/pages/notice/index?id=${id}` }),
};

export default function HomePage() {
  const elder = useElderMode();
  const { resident } = useStore(session);
  const feed = useHomeFeed();
  const mine = useMyCare();
  useDidShow(() => {
    whenLoggedIn(() => {
      void feed.reload();
      // Only the elder home shows the check-in; others find it on 我的.
      if (elder) void mine.load.run();
    });
  });
  useEffect(() => {
    if (elder) whenLoggedIn(() => void mine.load.run());
    // Load when elder mode turns on (her tags arrive after the first render), not on every render.
  }, [elder]);
  usePullDownRefresh(() => {
    void feed.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const notices = (
    <View data-testid="notice-list">
      <View className="section-title">社区通知{feed.unread > 0 ? `（${feed.unread} 条未读）` : ''}</View>
      {feed.notices?.length === 0 && <View className="card muted center">暂无通知</View>}
      {feed.notices?.map((n) => <NoticeCard key={n.id} notice={n} onOpen={() => go.notice(n.id)} />)}
      {feed.hasMore && (
        <View className="btn" onClick={() => void feed.loadMore()} {...tappable()}>
          {feed.loadingMore ? '加载中…' : '更多通知'}
        </View>
      )}
    </View>
  );

  return (
    <PageFrame testId="home-page">
      <AlertBanner alerts={feed.alerts} />
      <ErrorBanner message={feed.error} />
      <View className="section-title">{resident ? `${resident.name}，您好` : '您好'}</View>
      {elder ? (
        <>
          {mine.care && <CareCheckin care={mine.care} busy={mine.check.busy} onCheckIn={() => void mine.check.run()} />}
          <ErrorBanner message={mine.check.error} />
          <View className="hero hero-report" data-testid="elder-report" onClick={go.report} {...tappable({ label: '我要报事：说一说、拍一拍，社区来处理' })}>
            <View>我要报事</View>
            <View className="hero-sub">说一说、拍一拍，社区来处理</View>
          </View>
          {notices}
          <View className="btn" data-testid="elder-tickets" onClick={go.tickets} {...tappable()}>
            我的报事进度
          </View>
        </>
      ) : (
        <>
          <View className="shortcuts">
            <View className="shortcut" data-testid="shortcut-report" onClick={go.report} {...tappable({ label: '报事' })}>
              <View className="shortcut-icon">报</View>
              报事
            </View>
            <View className="shortcut" data-testid="shortcut-tickets" onClick={go.tickets} {...tappable({ label: '我的工单' })}>
              <View className="shortcut-icon">单</View>
              我的工单
            </View>
            <View className="shortcut" data-testid="shortcut-board" onClick={go.board} {...tappable({ label: '留言板' })}>
              <View className="shortcut-icon">言</View>
              留言板
            </View>
            <View className="shortcut" data-testid="shortcut-help" onClick={go.help} {...tappable({ label: '有问必答' })}>
              <View className="shortcut-icon">问</View>
              有问必答
            </View>
            <View className="shortcut" data-testid="shortcut-ledger" onClick={go.ledger} {...tappable({ label: '账目公开' })}>
              <View className="shortcut-icon">账</View>
              账目公开
            </View>
            <View className="shortcut" data-testid="shortcut-wishlist" onClick={go.wishlist} {...tappable({ label: '心愿清单' })}>
              <View className="shortcut-icon">愿</View>
              心愿清单
            </View>
          </View>
          {notices}
        </>
      )}
    </PageFrame>
  );
}
