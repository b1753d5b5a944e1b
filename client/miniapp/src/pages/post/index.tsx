// 留言详情: the post with all replies (official ones stand out) and a reply box; updates live.
import { Input, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { BOARD_LIMITS, type PostDto } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { PostCard } from '../../components/post-card';
import { useAsyncAction } from '../../hooks/use-async-action';
import { useServerEvent } from '../../hooks/use-server-event';
import { whenLoggedIn } from '../../services/auth';
import { applyReply, getPost, replyToPost } from '../../services/board';
import { ApiError } from '../../services/errors';
import { fieldName } from '../../services/a11y';

export default function PostPage() {
  const { params } = useRouter();
  const id = String(params.id ?? '');
  const [post, setPost] = useState<PostDto | null>(null);
  const [text, setText] = useState('');
  const load = useAsyncAction(useCallback(async () => setPost(await getPost(id)), [id]));
  const reply = useAsyncAction(async () => {
    if (!text.trim()) throw new ApiError('请写下回复内容', 0, 'VALIDATION');
    const r = await replyToPost(id, text.trim());
    setPost((p) => (p ? applyReply([p], { postId: id, reply: r, replyCount: p.replyCount + 1 })[0]! : p));
    setText('');
  });
  useDidShow(() => {
    whenLoggedIn(() => load.run());
  });
  useServerEvent('post:replied', (e) => setPost((p) => (p && e.postId === id ? applyReply([p], e)[0]! : p)), () => void load.run());
  useServerEvent('post:updated', (p) => p.id === id && setPost(p));
  useServerEvent('post:removed', (e) => {
    if (e.id === id) load.setError('这条留言已被社区隐藏');
  });

  return (
    <PageFrame testId="post-page">
      <ErrorBanner message={load.error} />
      {post && !load.error && <PostCard post={post} full />}
      {post && !load.error && (
        <View className="card">
          <Input className="input" data-testid="reply-input" {...fieldName('回复内容')} value={text} maxlength={BOARD_LIMITS.replyMax} placeholder="写下您的回复" onInput={(e) => setText(e.detail.value)} />
          <ErrorBanner message={reply.error} />
          <ActionButton primary testId="reply-submit" disabled={reply.busy} onClick={() => void reply.run()}>
            {reply.busy ? '正在回复…' : '回复'}
          </ActionButton>
        </View>
      )}
    </PageFrame>
  );
}
