// 首页: shortcuts and notices; in elder-friendly mode only the two things that matter (report by voice, read notices).
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { PageFrame } from '../../components/page-frame';
import { useElderMode } from '../../hooks/use-elder';
import { ensureLoggedIn } from '../../services/auth';
import { useStore } from '../../store/create-store';
import { session } from '../../store/session';

const go = {
  report: () => void Taro.switchTab({ url: '/pages/report/index' }),
  tickets: () => void Taro.navigateTo({ url: '/pages/tickets/index' }),
  board: () => void Taro.switchTab({ url: '/pages/board/index' }),
};

export default function HomePage() {
  const elder = useElderMode();
  const { resident } = useStore(session);
  useDidShow(() => void ensureLoggedIn());
  usePullDownRefresh(() => void Taro.stopPullDownRefresh());

  if (elder) {
    return (
      <PageFrame testId="home-page">
        <View className="section-title">{resident ? `${resident.name}，您好` : '您好'}</View>
        <View className="hero hero-report" data-testid="elder-report" onClick={go.report}>
          <View>🎤 报事</View>
          <View className="hero-sub">说一说、拍一拍，社区来处理</View>
        </View>
        <View className="hero hero-notice" data-testid="elder-notices" onClick={go.tickets}>
          <View>📋 我的报事进度</View>
        </View>
      </PageFrame>
    );
  }

  return (
    <PageFrame testId="home-page">
      <View className="section-title">{resident ? `${resident.name}，您好` : '您好'}</View>
      <View className="shortcuts">
        <View className="shortcut" data-testid="shortcut-report" onClick={go.report}>
          <View className="shortcut-icon">🛠️</View>
          报事
        </View>
        <View className="shortcut" data-testid="shortcut-tickets" onClick={go.tickets}>
          <View className="shortcut-icon">📋</View>
          我的工单
        </View>
        <View className="shortcut" data-testid="shortcut-board" onClick={go.board}>
          <View className="shortcut-icon">💬</View>
          留言板
        </View>
      </View>
    </PageFrame>
  );
}
