// Hold-to-talk voice note (mini-program only: H5 has no recorder manager); records aac up to 60 s.
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { VoicePlayer } from './voice-player';
import { tappable } from '../services/a11y';

export interface VoiceNote {
  filePath: string;
  durationMs: number;
}

export const voiceSupported = process.env.TARO_ENV === 'weapp';

export function VoiceRecorder({ value, onChange, onError }: { value: VoiceNote | null; onChange: (v: VoiceNote | null) => void; onError: (msg: string) => void }) {
  const [recording, setRecording] = useState(false);
  const rec = useRef<Taro.RecorderManager | null>(null);
  const cb = useRef({ onChange, onError });
  cb.current = { onChange, onError };

  useEffect(() => {
    if (!voiceSupported) return;
    const m = Taro.getRecorderManager();
    m.onStop((r) => {
      setRecording(false);
      if (r.duration < 800) cb.current.onError('说话时间太短，请按住按钮说完再松开');
      else cb.current.onChange({ filePath: r.tempFilePath, durationMs: Math.round(r.duration) });
    });
    m.onError(() => {
      setRecording(false);
      cb.current.onError('录音失败，请检查麦克风权限后重试');
    });
    rec.current = m;
  }, []);

  if (!voiceSupported) return null;
  const start = () => {
    setRecording(true);
    rec.current?.start({ duration: 60000, format: 'aac', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 });
  };
  const stop = () => rec.current?.stop();

  return (
    <View data-testid="voice">
      <View className={`btn${recording ? ' btn-primary' : ''}`} onTouchStart={start} onTouchEnd={stop} onTouchCancel={stop} {...tappable()}>
        {recording ? '正在录音，松开结束' : value ? '按住重新录音' : '按住说话（语音描述）'}
      </View>
      {value && (
        <View className="row between gap">
          <View className="muted">已录音 {Math.round(value.durationMs / 1000)} 秒</View>
          <VoicePlayer src={value.filePath} label="播放" />
          <View className="btn btn-small" onClick={() => onChange(null)} {...tappable({ label: '删除录音' })}>
            删除
          </View>
        </View>
      )}
    </View>
  );
}

