// Voice note for a report, up to 60 s: hold to talk in the mini-program (WeChat's recorder, aac); tap to start and tap to end in H5 (MediaRecorder).
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { tappable } from '../services/a11y';
import { h5RecorderAvailable, startH5Recording, type H5Recording } from '../services/h5-recorder';
import { VoicePlayer } from './voice-player';

export interface VoiceNote {
  filePath: string;
  durationMs: number;
  /** The upload's file name (the server sniffs the real type from the bytes). */
  fileName?: string;
}

const isWeapp = process.env.TARO_ENV === 'weapp';
export const voiceSupported = isWeapp || (process.env.TARO_ENV === 'h5' && h5RecorderAvailable());
/** What the page tells the resident to do with the button. */
export const voiceHint = isWeapp ? '按住下面的按钮，说说遇到了什么问题' : '点一下下面的按钮开始说，说完再点一下';

const TOO_SHORT_MS = 800;

interface Props {
  value: VoiceNote | null;
  onChange: (v: VoiceNote | null) => void;
  onError: (msg: string) => void;
}

export function VoiceRecorder(props: Props) {
  if (!voiceSupported) return null;
  return isWeapp ? <WeappRecorder {...props} /> : <H5Recorder {...props} />;
}

function Recorded({ value, onChange }: Pick<Props, 'value' | 'onChange'>) {
  if (!value) return null;
  return (
    <View className="row between gap" data-testid="voice-recorded">
      <View className="muted">已录音 {Math.max(1, Math.round(value.durationMs / 1000))} 秒</View>
      <VoicePlayer src={value.filePath} label="播放" />
      <View className="btn btn-small" data-testid="voice-delete" onClick={() => onChange(null)} {...tappable({ label: '删除录音' })}>
        删除
      </View>
    </View>
  );
}

function WeappRecorder({ value, onChange, onError }: Props) {
  const [recording, setRecording] = useState(false);
  const rec = useRef<Taro.RecorderManager | null>(null);
  const cb = useRef({ onChange, onError });
  cb.current = { onChange, onError };

  useEffect(() => {
    const m = Taro.getRecorderManager();
    m.onStop((r) => {
      setRecording(false);
      if (r.duration < TOO_SHORT_MS) cb.current.onError('说话时间太短，请按住按钮说完再松开');
      else cb.current.onChange({ filePath: r.tempFilePath, durationMs: Math.round(r.duration), fileName: 'voice.aac' });
    });
    m.onError(() => {
      setRecording(false);
      cb.current.onError('录音失败，请检查麦克风权限后重试');
    });
    rec.current = m;
  }, []);

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
      <Recorded value={value} onChange={onChange} />
    </View>
  );
}

function H5Recorder({ value, onChange, onError }: Props) {
  const [state, setState] = useState<'idle' | 'starting' | 'recording'>('idle');
  const rec = useRef<H5Recording | null>(null);
  const cb = useRef({ onChange, onError });
  cb.current = { onChange, onError };
  // Leaving the page mid-recording releases the microphone.
  useEffect(() => () => rec.current?.cancel(), []);

  const finish = async () => {
    const r = rec.current;
    rec.current = null;
    setState('idle');
    if (!r) return;
    try {
      const note = await r.stop();
      if (note.durationMs < TOO_SHORT_MS) cb.current.onError('说话时间太短，请点一下开始，说完再点一下结束');
      else cb.current.onChange(note);
    } catch {
      cb.current.onError('录音失败，请再试一次');
    }
  };
  const toggle = async () => {
    if (state === 'recording') return void finish();
    if (state === 'starting') return;
    setState('starting');
    try {
      rec.current = await startH5Recording(() => void finish());
      setState('recording');
    } catch {
      setState('idle');
      cb.current.onError('无法使用麦克风，请在浏览器设置里允许本页面使用麦克风后重试');
    }
  };

  const label = state === 'recording' ? '正在录音…说完请点这里结束' : state === 'starting' ? '正在打开麦克风…' : value ? '点一下重新录音' : '点一下开始说话（语音描述）';
  return (
    <View data-testid="voice">
      <View className={`btn${state === 'recording' ? ' btn-primary' : ''}`} data-testid="voice-record" data-state={state} onClick={() => void toggle()} {...tappable({ label })}>
        {state === 'recording' ? '● ' : '🎤 '}
        {label}
      </View>
      <Recorded value={value} onChange={onChange} />
    </View>
  );
}
