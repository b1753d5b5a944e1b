// One notice in the home list: unread mark, pinned and category tags, title, time.
import { Text, View } from '@tarojs/components';
import type { NoticeDto } from '@linli/contracts';
import { formatTime } from '../services/format';
import { tappable } from '../services/a11y';

export function NoticeCard({ notice, onOpen }: { notice: NoticeDto; onOpen: () => void }) {
  const unread = !notice.readAt;
  return (
    <View className={`card${unread ? ' notice-unread' : ''}`} data-testid="notice-card" data-unread={unread ? '1' : '0'} onClick={onOpen} {...tappable({ role: 'link' })}>
      <View>
        {notice.pinned && <Text className="tag tag-pinned">置顶</Text>}
        <Text className={`tag${notice.category === '紧急' || notice.category === '停水停电' ? ' tag-pinned' : ''}`}>{notice.category}</Text>
        {unread && <Text className="tag tag-submitted">未读</Text>}
      </View>
      <View className="strong gap" data-testid="notice-title">
        {notice.title}
      </View>
      <View className="muted">{formatTime(notice.publishedAt ?? notice.createdAt)}</View>
    </View>
  );
}
