"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.playOnce = playOnce;
exports.VoicePlayer = VoicePlayer;
// Plays a voice note (a report's recording) with one tap; works in the mini-program and in H5.
const components_1 = require("@tarojs/components");
const taro_1 = __importDefault(require("@tarojs/taro"));
function playOnce(src) {
    const a = taro_1.default.createInnerAudioContext();
    a.src = src;
    a.onEnded(() => a.destroy());
    a.onError(() => {
        a.destroy();
        void taro_1.default.showToast({ title: '语音播放失败', icon: 'none' });
    });
    a.play();
}
function VoicePlayer({ src, durationMs, label = '播放语音' }) {
    return (<components_1.View className="btn btn-small" data-testid="voice-play" onClick={() => playOnce(src)}>
      ▶ {label}
      {durationMs ? `（${Math.round(durationMs / 1000)} 秒）` : ''}
    </components_1.View>);
}
