"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = ReportPage;
// 报事: category, description, photos, a voice note and the location (defaults to the resident's home); submit gives a ticket number.
const components_1 = require("@tarojs/components");
const taro_1 = __importStar(require("@tarojs/taro"));
const react_1 = require("react");
const action_button_1 = require("../../components/action-button");
const category_picker_1 = require("../../components/category-picker");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const photo_picker_1 = require("../../components/photo-picker");
const voice_recorder_1 = require("../../components/voice-recorder");
const use_async_action_1 = require("../../hooks/use-async-action");
const use_elder_1 = require("../../hooks/use-elder");
const auth_1 = require("../../services/auth");
const report_submit_1 = require("../../services/report-submit");
const create_store_1 = require("../../store/create-store");
const report_draft_1 = require("../../store/report-draft");
const session_1 = require("../../store/session");
function emptyDraft(home) {
    return {
        category: null,
        description: '',
        photos: [],
        voice: null,
        location: { building: home?.building ?? '', unit: home?.unit ?? '', room: home?.room ?? '' },
    };
}
function ReportPage() {
    const { resident } = (0, create_store_1.useStore)(session_1.session);
    const elder = (0, use_elder_1.useElderMode)();
    const [draft, setDraft] = (0, react_1.useState)(() => ({ ...emptyDraft(resident), ...(0, report_draft_1.loadDraftText)() }));
    const [done, setDone] = (0, react_1.useState)(null);
    const key = (0, react_1.useRef)((0, report_submit_1.newIdempotencyKey)());
    const submit = (0, use_async_action_1.useAsyncAction)(() => (0, report_submit_1.submitReport)(draft, key.current));
    (0, taro_1.useDidShow)(() => void (0, auth_1.ensureLoggedIn)());
    // Coming back to this tab later starts a new report instead of showing the old confirmation.
    (0, taro_1.useDidHide)(() => setDone(null));
    // The profile may arrive after the page: fill the home address if the resident has not typed one.
    (0, react_1.useEffect)(() => {
        if (resident && !draft.location.building)
            setDraft((d) => ({ ...d, location: emptyDraft(resident).location }));
    }, [resident]);
    (0, react_1.useEffect)(() => (0, report_draft_1.saveDraftText)(draft), [draft]);
    const patch = (p) => setDraft((d) => ({ ...d, ...p }));
    const patchLoc = (p) => setDraft((d) => ({ ...d, location: { ...d.location, ...p } }));
    const onSubmit = async () => {
        const t = await submit.run();
        if (!t)
            return; // the draft stays as typed; the error is shown above the button
        setDone(t);
        (0, report_draft_1.clearDraftText)();
        setDraft(emptyDraft(resident));
        key.current = (0, report_submit_1.newIdempotencyKey)();
    };
    const voiceField = (<components_1.View className="field">
      <components_1.View className="label">{elder ? '按住下面的按钮，说说遇到了什么问题' : '语音描述（可选）'}</components_1.View>
      <voice_recorder_1.VoiceRecorder value={draft.voice} onChange={(voice) => patch({ voice })} onError={submit.setError}/>
    </components_1.View>);
    if (done) {
        return (<page_frame_1.PageFrame testId="report-page">
        <components_1.View className="banner-ok" data-testid="report-done">
          已提交，工单号 <components_1.View className="strong">{done.no}</components_1.View>
          社区会尽快处理，进度会通知您。
        </components_1.View>
        <action_button_1.ActionButton primary testId="view-ticket" onClick={() => void taro_1.default.navigateTo({ url: `/pages/ticket/index?id=${done.id}` })}>
          查看处理进度
        </action_button_1.ActionButton>
        <action_button_1.ActionButton testId="report-again" onClick={() => setDone(null)}>
          再报一件事
        </action_button_1.ActionButton>
      </page_frame_1.PageFrame>);
    }
    return (<page_frame_1.PageFrame testId="report-page">
      <components_1.View className="card">
        {/* Elder-friendly: speaking comes first, typing is optional. */}
        {voice_recorder_1.voiceSupported && elder && voiceField}
        <components_1.View className="field">
          <components_1.View className="label">问题类别</components_1.View>
          <category_picker_1.CategoryPicker value={draft.category} onChange={(category) => patch({ category })}/>
        </components_1.View>
        <components_1.View className="field">
          <components_1.View className="label">问题描述</components_1.View>
          <components_1.Textarea className="textarea" data-testid="description" value={draft.description} maxlength={2000} placeholder="请描述问题，例如：3号楼2单元楼道灯不亮" onInput={(e) => patch({ description: e.detail.value })}/>
        </components_1.View>
        {voice_recorder_1.voiceSupported && !elder && voiceField}
        <components_1.View className="field">
          <components_1.View className="label">照片（可选，最多 9 张）</components_1.View>
          <photo_picker_1.PhotoPicker photos={draft.photos} onChange={(photos) => patch({ photos })} onError={submit.setError}/>
        </components_1.View>
        <components_1.View className="field">
          <components_1.View className="label">地点</components_1.View>
          <components_1.View className="row">
            <components_1.Input className="input grow" data-testid="loc-building" value={draft.location.building} placeholder="楼号" onInput={(e) => patchLoc({ building: e.detail.value })}/>
            <components_1.Input className="input grow" data-testid="loc-unit" value={draft.location.unit} placeholder="单元" onInput={(e) => patchLoc({ unit: e.detail.value })}/>
            <components_1.Input className="input grow" data-testid="loc-room" value={draft.location.room} placeholder="房号" onInput={(e) => patchLoc({ room: e.detail.value })}/>
          </components_1.View>
        </components_1.View>
      </components_1.View>
      <error_banner_1.ErrorBanner message={submit.error}/>
      <action_button_1.ActionButton primary testId="submit-report" disabled={submit.busy} onClick={() => void onSubmit()}>
        {submit.busy ? '正在提交…' : '提交'}
      </action_button_1.ActionButton>
    </page_frame_1.PageFrame>);
}
