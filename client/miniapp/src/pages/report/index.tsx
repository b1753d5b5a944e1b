// 报事: category, description, photos, a voice note and the location (defaults to the resident's home); submit gives a ticket number.
import { Input, Textarea, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { duplicateNotice, TICKET_STATUS_LABELS, type SimilarTicketDto, type TicketDto } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { CategoryPicker } from '../../components/category-picker';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { PhotoPicker } from '../../components/photo-picker';
import { VoiceRecorder, voiceHint, voiceSupported } from '../../components/voice-recorder';
import { useAsyncAction } from '../../hooks/use-async-action';
import { useElderMode } from '../../hooks/use-elder';
import { ensureLoggedIn } from '../../services/auth';
import { newIdempotencyKey, openReportsLike, submitReport, type ReportDraft } from '../../services/report-submit';
import { useStore } from '../../store/create-store';
import { clearDraftText, loadDraftText, saveDraftText } from '../../store/report-draft';
import { session } from '../../store/session';
import { fieldName } from '../../services/a11y';

function emptyDraft(home?: { building?: string; unit?: string; room?: string } | null): ReportDraft {
  return {
    category: null,
    description: '',
    photos: [],
    voice: null,
    location: { building: home?.building ?? '', unit: home?.unit ?? '', room: home?.room ?? '' },
  };
}

export default function ReportPage() {
  const { resident } = useStore(session);
  const elder = useElderMode();
  const [draft, setDraft] = useState<ReportDraft>(() => ({ ...emptyDraft(resident), ...loadDraftText() }));
  const [done, setDone] = useState<TicketDto | null>(null);
  const key = useRef(newIdempotencyKey());
  // Open reports of the same place and category, asked once per draft before submitting; null = not asked yet.
  const [similar, setSimilar] = useState<SimilarTicketDto[] | null>(null);
  const submit = useAsyncAction(async (choice?: { follow?: string }) => {
    if (!choice && similar === null) {
      const found = await openReportsLike(draft);
      if (found.length) {
        setSimilar(found);
        return undefined;
      }
    }
    return submitReport(draft, key.current, choice?.follow);
  });

  useDidShow(() => void ensureLoggedIn());
  // Coming back to this tab later starts a new report instead of showing the old confirmation.
  useDidHide(() => setDone(null));
  // The profile may arrive after the page: fill the home address if the resident has not typed one.
  useEffect(() => {
    if (resident && !draft.location.building) setDraft((d) => ({ ...d, location: emptyDraft(resident).location }));
  }, [resident]);

  useEffect(() => saveDraftText(draft), [draft]);

  const patch = (p: Partial<ReportDraft>) => {
    if (p.category) setSimilar(null);
    setDraft((d) => ({ ...d, ...p }));
  };
  const patchLoc = (p: Partial<ReportDraft['location']>) => {
    setSimilar(null);
    setDraft((d) => ({ ...d, location: { ...d.location, ...p } }));
  };

  const onSubmit = async (choice?: { follow?: string }) => {
    const t = await submit.run(choice);
    if (!t) return; // the draft stays as typed; the error (or the question about a similar report) is shown above the button
    setDone(t);
    setSimilar(null);
    clearDraftText();
    setDraft(emptyDraft(resident));
    key.current = newIdempotencyKey();
  };

  const voiceField = (
    <View className="field">
      <View className="label">{elder ? voiceHint : '语音描述（可选）'}</View>
      <VoiceRecorder value={draft.voice} onChange={(voice) => patch({ voice })} onError={submit.setError} />
    </View>
  );

  if (done) {
    return (
      <PageFrame testId="report-page">
        <View className="banner-ok" data-testid="report-done">
          已提交，工单号 <View className="strong">{done.no}</View>
          {done.duplicateOf ? (
            <View data-testid="report-duplicate">{duplicateNotice(done.category, done.duplicateOf.no, 'app')}。</View>
          ) : (
            '社区会尽快处理，进度会通知您。'
          )}
        </View>
        <ActionButton primary testId="view-ticket" onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${done.id}` })}>
          查看处理进度
        </ActionButton>
        <ActionButton testId="report-again" onClick={() => setDone(null)}>
          再报一件事
        </ActionButton>
      </PageFrame>
    );
  }

  return (
    <PageFrame testId="report-page">
      <View className="card">
        {/* Elder-friendly: speaking comes first, typing is optional. */}
        {voiceSupported && elder && voiceField}
        <View className="field">
          <View className="label">问题类别</View>
          <CategoryPicker value={draft.category} onChange={(category) => patch({ category })} />
        </View>
        <View className="field">
          <View className="label">问题描述</View>
          <Textarea
            className="textarea"
            data-testid="description"
            {...fieldName('问题描述')}
            value={draft.description}
            maxlength={2000}
            placeholder="请描述问题，例如：3号楼2单元楼道灯不亮"
            onInput={(e) => patch({ description: e.detail.value })}
          />
        </View>
        {voiceSupported && !elder && voiceField}
        <View className="field">
          <View className="label">照片（可选，最多 9 张）</View>
          <PhotoPicker photos={draft.photos} onChange={(photos) => patch({ photos })} onError={submit.setError} />
        </View>
        <View className="field">
          <View className="label">地点</View>
          <View className="row">
            <Input className="input grow" data-testid="loc-building" {...fieldName('楼号')} value={draft.location.building} placeholder="楼号" onInput={(e) => patchLoc({ building: e.detail.value })} />
            <Input className="input grow" data-testid="loc-unit" {...fieldName('单元')} value={draft.location.unit} placeholder="单元" onInput={(e) => patchLoc({ unit: e.detail.value })} />
            <Input className="input grow" data-testid="loc-room" {...fieldName('房号')} value={draft.location.room} placeholder="房号" onInput={(e) => patchLoc({ room: e.detail.value })} />
          </View>
        </View>
      </View>
      <ErrorBanner message={submit.error} />
      {similar?.length ? (
        <View className="card" data-testid="similar-reports">
          <View className="strong">{draft.category === '电梯' ? '这部电梯已有人报修，要一起关注吗？' : '这里已有人反映同类问题，要一起关注吗？'}</View>
          {similar.slice(0, 3).map((t) => (
            <View key={t.id} className="muted" data-testid="similar-item">
              {t.no} · {t.place} · {TICKET_STATUS_LABELS[t.status]} · {t.followerCount + 1} 户反映
            </View>
          ))}
          <ActionButton primary testId="follow-similar" disabled={submit.busy} onClick={() => void onSubmit({ follow: similar[0]!.id })}>
            一起关注（同一问题）
          </ActionButton>
          <ActionButton testId="not-same" disabled={submit.busy} onClick={() => void onSubmit({})}>
            不是同一问题，单独提交
          </ActionButton>
        </View>
      ) : (
        <ActionButton primary testId="submit-report" disabled={submit.busy} onClick={() => void onSubmit()}>
          {submit.busy ? '正在提交…' : '提交'}
        </ActionButton>
      )}
    </PageFrame>
  );
}
