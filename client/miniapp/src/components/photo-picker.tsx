// Up to 9 photos from camera or album (Taro.chooseMedia), cleaned for upload (H5: resized, EXIF/GPS removed), with preview and remove.
import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { preparePhoto } from '../services/photo-prepare';
import { tappable } from '../services/a11y';

export const MAX_PHOTOS = 9;

export function PhotoPicker({ photos, onChange, onError }: { photos: string[]; onChange: (p: string[]) => void; onError: (msg: string) => void }) {
  const add = async () => {
    try {
      const res = await Taro.chooseMedia({
        count: MAX_PHOTOS - photos.length,
        mediaType: ['image'],
        // One source in H5 skips Taro's action sheet and opens the file dialog directly.
        sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
        sizeType: ['compressed'],
      });
      const ready = await Promise.all(res.tempFiles.map((f) => preparePhoto(f.tempFilePath)));
      onChange([...photos, ...ready].slice(0, MAX_PHOTOS));
    } catch (e) {
      const msg = (e as { errMsg?: string })?.errMsg ?? '';
      if (!/cancel/i.test(msg)) onError('无法选择照片，请检查相册权限后重试');
    }
  };
  return (
    <View className="photos" data-testid="photos">
      {photos.map((p, i) => (
        <View className="photo" key={p}>
          <Image className="photo-img" src={p} mode="aspectFill" data-testid="photo-preview" ariaLabel={`第 ${i + 1} 张照片`} />
          <View className="photo-remove" onClick={() => onChange(photos.filter((_, j) => j !== i))} {...tappable({ label: `删除第 ${i + 1} 张照片` })}>
            ×
          </View>
        </View>
      ))}
      {photos.length < MAX_PHOTOS && (
        <View className="photo photo-add" data-testid="add-photo" onClick={() => void add()} {...tappable({ label: '添加照片' })}>
          ＋
        </View>
      )}
    </View>
  );
}
