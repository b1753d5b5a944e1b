// Which channels the community may use to reach this resident (consent as registered); changes are made at the service desk.
import { Text, View } from '@tarojs/components';
import { NOTICE_CHANNEL_LABELS, NOTIFY_CHANNELS, type NotifyChannel } from '@linli/contracts';

export function ChannelConsent({ channels }: { channels: NotifyChannel[] }) {
  return (
    <View className="card" data-testid="channels">
      <View className="strong">通知方式</View>
      <View className="gap">
        {NOTIFY_CHANNELS.map((c) => (
          <Text key={c} className={`tag${channels.includes(c) ? ' tag-resolved' : ''}`}>
            {channels.includes(c) ? '✓ ' : '✗ '}
            {NOTICE_CHANNEL_LABELS[c]}
          </Text>
        ))}
      </View>
      <View className="muted gap">如需更改通知方式或紧急联系人，请到社区会客厅或联系网格员办理。</View>
    </View>
  );
}
