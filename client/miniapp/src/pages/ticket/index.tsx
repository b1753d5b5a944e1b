// 工单详情: status, photos, progress timeline, and the reporter's actions (催单, cancel, close, reopen, rate); updates live.
import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { TicketAction, TicketDto } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { RatingForm } from '../../components/rating-form';
import { StatusTag } from '../../components/status-tag';
import { Timeline } from '../../components/timeline';
import { VoicePlayer } from '../../components/voice-player';
import { useAsyncAction } from '../../hooks/use-async-action';
import { useServerEvent } from '../../hooks/use-server-event';
import { whenLoggedIn } from '../../services/auth';
import { absoluteUrl } from '../../services/config';
import { formatAddress, formatTime } from '../../services/format';
import { ACTION_TEXT, canRate, canUrge, reporterActions } from '../../services/ticket-actions';
import { answerRevisit, getTicket, rateTicket, transitionTicket, urgeTicket } from '../../services/tickets';
import { tappable } from '../../services/a11y';

/** 回访 asked (or turned into a call) and not answered yet: she can answer here. */
const revisitOpen = (t: TicketDto) => (t.revisit?.status === 'asked' || t.revisit?.status === 'call') && (t.status === 'resolved' || t.status === 'closed');

export default function TicketPage() {
  const { params } = useRouter();
  const id = String(params.id ?? '');
  const [ticket, setTicket] = useState<TicketDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useAsyncAction(useCallback(async () => setTicket(await getTicket(id)), [id]));
  const act = useAsyncAction(async (fn: () => Promise<TicketDto>, done: string) => {
    setTicket(await fn());
    setNotice(done);
  });

  useDidShow(() => {
    whenLoggedIn(() => load.run());
  });
  useServerEvent(
    'ticket:updated',
    (t) => {
      if (t.id === id) setTicket(t);
    },
    () => void load.run(),
  );

  // Cancelling cannot be undone: it asks on the page itself (no pop-up, which elder mode avoids).
  const [confirmCancel, setConfirmCancel] = useState(false);
  const doAction = async (a: TicketAction) => {
    if (a === 'cancel' && !confirmCancel) return setConfirmCancel(true);
    setConfirmCancel(false);
    await act.run(() => transitionTicket(id, a), a === 'cancel' ? '已撤销' : a === 'reopen' ? '已重新打开，社区会再次处理' : '已关闭，感谢您的反馈');
  };

  if (!ticket) {
    return (
      <PageFrame testId="ticket-page">
        <ErrorBanner message={load.error} />
        {!load.error && <View className="muted center">加载中…</View>}
        {load.error && <ActionButton onClick={() => void load.run()}>重试</ActionButton>}
      </PageFrame>
    );
  }

  return (
    <PageFrame testId="ticket-page">
      <View className="card">
        <View className="row between">
          <View className="strong" data-testid="ticket-no">
            {ticket.no}
          </View>
          <StatusTag status={ticket.status} />
        </View>
        <View className="gap">
          {ticket.category} · {formatAddress(ticket.location)}
        </View>
        <View className="gap">{ticket.description || ticket.audio?.transcript || '（语音报事）'}</View>
        {ticket.audio && (
          <View className="row gap">
            <VoicePlayer src={absoluteUrl(ticket.audio.url)} durationMs={ticket.audio.durationMs} />
          </View>
        )}
        {ticket.assigneeName && <View className="muted">处理人：{ticket.assigneeName}</View>}
        <View className="muted">提交于 {formatTime(ticket.createdAt)}</View>
        {ticket.attachments.length > 0 && (
          <View className="photos gap">
            {ticket.attachments.map((a) => (
              <Image
                key={a.id}
                className="photo photo-img"
                src={absoluteUrl(a.url)}
                mode="aspectFill"
                data-testid="ticket-photo"
                {...tappable({ label: '查看大图' })}
                onClick={() => void Taro.previewImage({ urls: ticket.attachments.map((x) => absoluteUrl(x.url)), current: absoluteUrl(a.url) })}
              />
            ))}
          </View>
        )}
      </View>

      <ErrorBanner message={act.error ?? load.error} />
      {notice && !act.error && <View className="banner-ok">{notice}</View>}

      {canUrge(ticket) && (
        <ActionButton primary testId="urge" disabled={act.busy} onClick={() => void act.run(() => urgeTicket(id), '已催单，社区会尽快处理')}>
          催一催{ticket.urgeCount > 0 ? `（已催 ${ticket.urgeCount} 次）` : ''}
        </ActionButton>
      )}
      {reporterActions(ticket).map((a) =>
        a === 'cancel' && confirmCancel ? (
          <View key={a} className="card official" data-testid="cancel-confirm">
            <View className="strong">确定撤销这条报事吗？撤销后社区不再处理。</View>
            <ActionButton primary testId="cancel-confirm-yes" disabled={act.busy} onClick={() => void doAction('cancel')}>
              撤销报事
            </ActionButton>
            <ActionButton testId="cancel-confirm-no" onClick={() => setConfirmCancel(false)}>
              再想想
            </ActionButton>
          </View>
        ) : (
          <ActionButton key={a} testId={`action-${a}`} disabled={act.busy} onClick={() => void doAction(a)}>
            {ACTION_TEXT[a] ?? a}
          </ActionButton>
        ),
      )}
      {revisitOpen(ticket) && (
        <View className="card gap" data-testid="revisit">
          <View className="section-title">社区回访：您反映的问题解决了吗？</View>
          <RatingForm busy={act.busy} onSubmit={(sc, c) => void act.run(() => answerRevisit(id, true, sc, c), '感谢您的回访评价')} />
          <ActionButton testId="revisit-unsolved" disabled={act.busy} onClick={() => void act.run(() => answerRevisit(id, false), '已重新打开，社区负责人会督办')}>
            没解决
          </ActionButton>
        </View>
      )}
      {canRate(ticket) && !revisitOpen(ticket) && (
        <View className="card gap">
          <View className="section-title">给这次处理打个分</View>
          <RatingForm busy={act.busy} onSubmit={(s, c) => void act.run(() => rateTicket(id, s, c), '感谢您的评价')} />
        </View>
      )}
      {ticket.rating && (
        <View className="banner-ok gap" data-testid="rating-done">
          <View className="strong">✓ 已评价，谢谢您</View>
          <View>
            您给了 {ticket.rating.score} 星<Text aria-hidden="true"> {'★'.repeat(ticket.rating.score)}</Text>
            {ticket.rating.comment ? `：${ticket.rating.comment}` : ''}
          </View>
          <View>社区会看到您的评价。还有别的问题，请在「报事」里再报一件。</View>
        </View>
      )}

      <View className="section-title">处理进度</View>
      <View className="card">
        <Timeline entries={ticket.timeline} />
      </View>
    </PageFrame>
  );
}
