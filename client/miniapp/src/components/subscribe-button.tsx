// Mini-program only: asks WeChat for the resident's consent to receive community notices as 服务通知 (subscribe messages).
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { NOTICE_TEMPLATE_ID } from '../services/config';
import { tappable } from '../services/a11y';

export function SubscribeButton() {
  const [state, setState] = useState<'idle' | 'accepted' | 'rejected' | 'failed'>('idle');
  if (process.env.TARO_ENV !== 'weapp' || !NOTICE_TEMPLATE_ID) return null;
  const ask = async () => {
    try {
      const r = (await Taro.requestSubscribeMessage({ tmplIds: [NOTICE_TEMPLATE_ID], entityIds: [] } as any)) as unknown as Record<string, string>;
      setState(r[NOTICE_TEMPLATE_ID] === 'accept' ? 'accepted' : 'rejected');
    } catch {
      setState('failed');
    }
  };
  const text = { idle: '接收社区通知（微信服务通知）', accepted: '已订阅，下一条通知会发到微信', rejected: '未订阅，可随时再次开启', failed: '订阅失败，请稍后再试' }[state];
  return (
    <View className="btn" data-testid="subscribe" onClick={() => void ask()} {...tappable()}>
      {text}
    </View>
  );
}
