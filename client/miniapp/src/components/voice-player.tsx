// Plays a voice note (a report's recording) with one tap; works in the mini-program and in H5.
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { tappable } from '../services/a11y';

export function playOnce(src: string): void {
  const a = Taro.createInnerAudioContext();
  a.src = src;
  a.onEnded(() => a.destroy());
  a.onError(() => {
    a.destroy();
    void Taro.showToast({ title: '语音播放失败', icon: 'none' });
  });
  a.play();
}

export function VoicePlayer({ src, durationMs, label = '播放语音' }: { src: string; durationMs?: number; label?: string }) {
  return (
    <View className="btn btn-small" data-testid="voice-play" onClick={() => playOnce(src)} {...tappable()}>
      ▶ {label}
      {durationMs ? `（${Math.round(durationMs / 1000)} 秒）` : ''}
    </View>
  );
}
