// 我的 → 绑定社区群微信: get a 6-digit code and send 「绑定 123456」 to the group bot, so 平安 and 我的工单 work in the group.
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { BindCodeDto } from '@linli/contracts';
import { useAsyncAction } from '../hooks/use-async-action';
import { myBindCode } from '../services/bind';
import { formatTime } from '../services/format';
import { ActionButton } from './action-button';
import { ErrorBanner } from './error-banner';

export function WechatBind() {
  const [code, setCode] = useState<BindCodeDto | null>(null);
  const get = useAsyncAction(async () => setCode(await myBindCode()));
  return (
    <View className="card" data-testid="wechat-bind">
      <View className="strong">绑定社区群微信</View>
      <View className="muted">绑定后，在社区微信群里直接发「平安」就能打卡，发「我的工单」能查进度。</View>
      <ErrorBanner message={get.error} />
      {code ? (
        <View className="gap" data-testid="bind-code">
          <View className="section-title">{code.code}</View>
          <View>
            请用要绑定的微信，在社区群里或私聊「社区小助手」发送：绑定 {code.code}
          </View>
          <View className="muted">{formatTime(code.expiresAt).slice(11, 16)} 前有效，只能用一次</View>
        </View>
      ) : (
        <ActionButton testId="bind-code-get" disabled={get.busy} onClick={() => void get.run()}>
          {get.busy ? '正在获取…' : '获取绑定码'}
        </ActionButton>
      )}
    </View>
  );
}
