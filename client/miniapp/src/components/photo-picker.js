"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_PHOTOS = void 0;
exports.PhotoPicker = PhotoPicker;
// Up to 9 photos from camera or album (Taro.chooseMedia), with preview and remove.
const components_1 = require("@tarojs/components");
const taro_1 = __importDefault(require("@tarojs/taro"));
exports.MAX_PHOTOS = 9;
function PhotoPicker({ photos, onChange, onError }) {
    const add = async () => {
        try {
            const res = await taro_1.default.chooseMedia({
                count: exports.MAX_PHOTOS - photos.length,
                mediaType: ['image'],
                // One source in H5 skips Taro's action sheet and opens the file dialog directly.
                sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
                sizeType: ['compressed'],
            });
            onChange([...photos, ...res.tempFiles.map((f) => f.tempFilePath)].slice(0, exports.MAX_PHOTOS));
        }
        catch (e) {
            const msg = e?.errMsg ?? '';
            if (!/cancel/i.test(msg))
                onError('无法选择照片，请检查相册权限后重试');
        }
    };
    return (<components_1.View className="photos" data-testid="photos">
      {photos.map((p, i) => (<components_1.View className="photo" key={p}>
          <components_1.Image className="photo-img" src={p} mode="aspectFill" data-testid="photo-preview"/>
          <components_1.View className="photo-remove" onClick={() => onChange(photos.filter((_, j) => j !== i))}>
            ×
          </components_1.View>
        </components_1.View>))}
      {photos.length < exports.MAX_PHOTOS && (<components_1.View className="photo photo-add" data-testid="add-photo" onClick={() => void add()}>
          ＋
        </components_1.View>)}
    </components_1.View>);
}
