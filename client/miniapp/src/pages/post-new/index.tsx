// 我要留言: category, text and photos; a failed send keeps everything typed.
import { Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BOARD_LIMITS, POST_CATEGORIES, type PostCategory } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { PhotoPicker } from '../../components/photo-picker';
import { useAsyncAction } from '../../hooks/use-async-action';
import { createPost } from '../../services/board';
import { ApiError } from '../../services/errors';
import { fieldName, tappable } from '../../services/a11y';

export default function NewPostPage() {
  const [category, setCategory] = useState<PostCategory | null>(null);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const send = useAsyncAction(async () => {
    if (!category) throw new ApiError('请选择留言类别', 0, 'VALIDATION');
    if (!text.trim()) throw new ApiError('请写下留言内容', 0, 'VALIDATION');
    const post = await createPost(category, text.trim(), photos);
    if (post.status === 'held') await Taro.showToast({ title: '已提交，审核后显示', icon: 'none' });
    else await Taro.showToast({ title: '已发布', icon: 'success' });
    await Taro.navigateBack();
  });

  return (
    <PageFrame testId="post-new-page">
      <View className="card">
        <View className="field">
          <View className="label">类别</View>
          <View className="chips">
            {POST_CATEGORIES.map((c) => (
              <View key={c} className={`chip${category === c ? ' chip-active' : ''}`} data-testid={`post-cat-${c}`} onClick={() => setCategory(c)} {...tappable({ checked: category === c })}>
                {c}
              </View>
            ))}
          </View>
        </View>
        <View className="field">
          <View className="label">内容</View>
          <Textarea className="textarea" data-testid="post-text-input" {...fieldName('留言内容')} value={text} maxlength={BOARD_LIMITS.textMax} placeholder="想说点什么？建议、求助、表扬都可以" onInput={(e) => setText(e.detail.value)} />
        </View>
        <View className="field">
          <View className="label">照片（可选）</View>
          <PhotoPicker photos={photos} onChange={setPhotos} onError={send.setError} />
        </View>
      </View>
      <ErrorBanner message={send.error} />
      <ActionButton primary testId="post-submit" disabled={send.busy} onClick={() => void send.run()}>
        {send.busy ? '正在发布…' : '发布'}
      </ActionButton>
    </PageFrame>
  );
}
