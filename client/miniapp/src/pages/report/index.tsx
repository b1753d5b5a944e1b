// 报事: category, description, photos, a voice note and the location (defaults to the resident's home); submit gives a ticket number.
import { Input, Textarea, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { TicketDto } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { CategoryPicker } from '../../components/category-picker';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { PhotoPicker } from '../../components/photo-picker';
import { VoiceRecorder, voiceSupported } from '../../components/voice-recorder';
import { useAsyncAction } from '../../hooks/use-async-action';
import { useElderMode } from '../../hooks/use-elder';
import { ensureLoggedIn } from '../../services/auth';
import { newIdempotencyKey, submitReport, type ReportDraft } from '../../services/report-submit';
import { useStore } from '../../store/create-store';
import { clearDraftText, loadDraftText, saveDraftText } from '../../store/report-draft';
import { session } from '../../store/session';

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
  const submit = useAsyncAction(() => submitReport(draft, key.current));

  useDidShow(() => void ensureLoggedIn());
  // Coming back to this tab later starts a new report instead of showing the old confirmation.
  useDidHide(() => setDone(null));
  // The profile may arrive after the page: fill the home address if the resident has not typed one.
  useEffect(() => {
    if (resident && !draft.location.building) setDraft((d) => ({ ...d, location: emptyDraft(resident).location }));
  }, [resident]);

  useEffect(() => saveDraftText(draft), [draft]);

  const patch = (p: Partial<ReportDraft>) => setDraft((d) => ({ ...d, ...p }));
  const patchLoc = (p: Partial<ReportDraft['location']>) => setDraft((d) => ({ ...d, location: { ...d.location, ...p } }));

  const onSubmit = async () => {
    const t = await submit.run();
    if (!t) return; // the draft stays as typed; the error is shown above the button
    setDone(t);
    clearDraftText();
    setDraft(emptyDraft(resident));
    key.current = newIdempotencyKey();
  };

  const voiceField = (
    <View className="field">
      <View className="label">{elder ? '按住下面的按钮，说说遇到了什么问题' : '语音描述（可选）'}</View>
      <VoiceRecorder value={draft.voice} onChange={(voice) => patch({ voice })} onError={submit.setError} />
    </View>
  );

  if (done) {
    return (
      <PageFrame testId="report-page">
        <View className="banner-ok" data-testid="report-done">
          已提交，工单号 <View className="strong">{done.no}</View>
          社区会尽快处理，进度会通知您。
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
            <Input className="input grow" data-testid="loc-building" value={draft.location.building} placeholder="楼号" onInput={(e) => patchLoc({ building: e.detail.value })} />
            <Input className="input grow" data-testid="loc-unit" value={draft.location.unit} placeholder="单元" onInput={(e) => patchLoc({ unit: e.detail.value })} />
            <Input className="input grow" data-testid="loc-room" value={draft.location.room} placeholder="房号" onInput={(e) => patchLoc({ room: e.detail.value })} />
          </View>
        </View>
      </View>
      <ErrorBanner message={submit.error} />
      <ActionButton primary testId="submit-report" disabled={submit.busy} onClick={() => void onSubmit()}>
        {submit.busy ? '正在提交…' : '提交'}
      </ActionButton>
    </PageFrame>
  );
}
