// 我的: profile and household, daily check-in for the care programme, notification channels, elder-friendly switch, my tickets.
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { AbsenceReason, MyCareDto } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { CareCheckin } from '../../components/care-checkin';
import { ChannelConsent } from '../../components/channel-consent';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { SubscribeButton } from '../../components/subscribe-button';
import { WechatBind } from '../../components/wechat-bind';
import { useAsyncAction } from '../../hooks/use-async-action';
import { useElderMode } from '../../hooks/use-elder';
import { logout, refreshMe, whenLoggedIn } from '../../services/auth';
import { checkIn, comeBack, goAway, myCare } from '../../services/care';
import { formatAddress } from '../../services/format';
import { useStore } from '../../store/create-store';
import { setElderMode } from '../../store/elder';
import { session } from '../../store/session';
import { tappable } from '../../services/a11y';

export default function MePage() {
  const { resident } = useStore(session);
  const elder = useElderMode();
  const [care, setCare] = useState<MyCareDto | null>(null);
  const load = useAsyncAction(async () => {
    const [, c] = await Promise.all([refreshMe(), myCare()]);
    setCare(c);
  });
  const check = useAsyncAction(async () => {
    await checkIn();
    setCare(await myCare());
  });
  const away = useAsyncAction(async (change: { reason: AbsenceReason; days: number } | { back: string }) => {
    if ('back' in change) await comeBack(change.back);
    else await goAway(change.reason, change.days);
    setCare(await myCare());
  });
  useDidShow(() => {
    whenLoggedIn(() => load.run());
  });

  return (
    <PageFrame testId="me-page">
      <ErrorBanner message={load.error ?? check.error ?? away.error} />
      <View className="card" data-testid="profile">
        <View className="section-title">{resident?.name ?? '未登录'}</View>
        {resident && (
          <>
            <View>住址：{formatAddress(resident) || '未登记'}</View>
            {resident.tags.length > 0 && <View className="muted">{resident.tags.join('、')}</View>}
            {resident.verified === false && <View className="muted">尚未与社区登记的住户信息关联，请到社区会客厅登记</View>}
          </>
        )}
      </View>
      {care && (
        <CareCheckin
          care={care}
          busy={check.busy}
          onCheckIn={() => void check.run()}
          away={{ busy: away.busy, onAway: (reason, days) => void away.run({ reason, days }), onBack: (id) => void away.run({ back: id }) }}
        />
      )}
      {/* The whole row is the switch (a target far larger than the 52 × 32 knob); the knob only draws the state. */}
      <View className="card row between" data-testid="elder-switch" onClick={() => setElderMode(!elder)} {...tappable({ role: 'switch', checked: elder, label: '大字模式（适老化）' })}>
        <View className="grow">
          <View className="strong">大字模式（适老化）</View>
          <View className="muted">更大的字、更高的对比度、更大的按钮</View>
        </View>
        <View className={`knob${elder ? ' knob-on' : ''}`} />
      </View>
      {resident && <ChannelConsent channels={resident.channels ?? []} />}
      {resident && resident.verified !== false && <WechatBind />}
      <SubscribeButton />
      <ActionButton testId="my-tickets" onClick={() => void Taro.navigateTo({ url: '/pages/tickets/index' })}>
        我的工单
      </ActionButton>
      <ActionButton testId="logout" onClick={logout}>
        退出登录
      </ActionButton>
    </PageFrame>
  );
}
