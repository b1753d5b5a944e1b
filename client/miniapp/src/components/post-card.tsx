// One board post: category, author, text, photos, and its replies with official ones highlighted.
import { Image, Text, View } from '@tarojs/components';
import { POST_STATUS_LABELS, type PostDto, type ReplyDto } from '@linli/contracts';
import { absoluteUrl } from '../services/config';
import { formatTime } from '../services/format';
import { tappable } from '../services/a11y';

export function ReplyItem({ reply }: { reply: ReplyDto }) {
  return (
    <View className={`card${reply.official ? ' official' : ''}`} data-testid={reply.official ? 'reply-official' : 'reply'}>
      <View className="muted">
        {reply.official && <Text className="tag tag-pinned">社区回复</Text>}
        {reply.author.name}
        {reply.author.building ? ` · ${reply.author.building}` : ''} · {formatTime(reply.createdAt)}
        {reply.status === 'held' ? ' · 审核中' : ''}
      </View>
      <View>{reply.text}</View>
    </View>
  );
}

export function PostCard({ post, onOpen, full }: { post: PostDto; onOpen?: () => void; full?: boolean }) {
  const replies = full ? post.replies : post.replies.slice(-2);
  return (
    <View className="card" data-testid="post-card" onClick={onOpen} {...(onOpen ? tappable({ role: 'link' }) : {})}>
      <View className="row between">
        <View>
          <Text className="tag">{post.category}</Text>
          <Text className="muted">
            {post.author.kind === 'staff' ? '社区' : post.author.name}
            {post.author.building ? ` · ${post.author.building}` : ''}
          </Text>
        </View>
        {post.status !== 'published' && <Text className="tag tag-submitted">{POST_STATUS_LABELS[post.status]}</Text>}
      </View>
      <View className="gap" data-testid="post-text">
        {post.text}
      </View>
      {post.photos.length > 0 && (
        <View className="photos gap">
          {post.photos.map((p) => (
            <Image key={p.id} className="photo photo-img" src={absoluteUrl(p.url)} mode="aspectFill" />
          ))}
        </View>
      )}
      {post.ticket && <View className="muted">已转为工单 {post.ticket.no}</View>}
      <View className="muted">
        {formatTime(post.createdAt)} · {post.replyCount} 条回复
      </View>
      {replies.length > 0 && (
        <View className="gap">
          {replies.map((r) => (
            <ReplyItem key={r.id} reply={r} />
          ))}
        </View>
      )}
    </View>
  );
}
