"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.voiceSupported = void 0;
exports.VoiceRecorder = VoiceRecorder;
// Hold-to-talk voice note (mini-program only: H5 has no recorder manager); records aac up to 60 s.
const components_1 = require("@tarojs/components");
const taro_1 = __importDefault(require("@tarojs/taro"));
const react_1 = require("react");
const voice_player_1 = require("./voice-player");
exports.voiceSupported = process.env.TARO_ENV === 'weapp';
function VoiceRecorder({ value, onChange, onError }) {
    const [recording, setRecording] = (0, react_1.useState)(false);
    const rec = (0, react_1.useRef)(null);
    const cb = (0, react_1.useRef)({ onChange, onError });
    cb.current = { onChange, onError };
    (0, react_1.useEffect)(() => {
        if (!exports.voiceSupported)
            return;
        const m = taro_1.default.getRecorderManager();
        m.onStop((r) => {
            setRecording(false);
            if (r.duration < 800)
                cb.current.onError('说话时间太短，请按住按钮说完再松开');
            else
                cb.current.onChange({ filePath: r.tempFilePath, durationMs: Math.round(r.duration) });
        });
        m.onError(() => {
            setRecording(false);
            cb.current.onError('录音失败，请检查麦克风权限后重试');
        });
        rec.current = m;
    }, []);
    if (!exports.voiceSupported)
        return null;
    const start = () => {
        setRecording(true);
        rec.current?.start({ duration: 60000, format: 'aac', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 });
    };
    const stop = () => rec.current?.stop();
    return (<components_1.View data-testid="voice">
      <components_1.View className={`btn${recording ? ' btn-primary' : ''}`} onTouchStart={start} onTouchEnd={stop} onTouchCancel={stop}>
        {recording ? '正在录音，松开结束' : value ? '按住重新录音' : '按住说话（语音描述）'}
      </components_1.View>
      {value && (<components_1.View className="row between gap">
          <components_1.View className="muted">已录音 {Math.round(value.durationMs / 1000)} 秒</components_1.View>
          <voice_player_1.VoicePlayer src={value.filePath} label="播放"/>
          <components_1.View className="btn btn-small" onClick={() => onChange(null)}>
            删除
          </components_1.View>
        </components_1.View>)}
    </components_1.View>);
}
