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
exports.default = TicketPage;
// 工单详情: status, photos, progress timeline, and the reporter's actions (催单, cancel, close, reopen, rate); updates live.
const components_1 = require("@tarojs/components");
const taro_1 = __importStar(require("@tarojs/taro"));
const react_1 = require("react");
const action_button_1 = require("../../components/action-button");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const rating_form_1 = require("../../components/rating-form");
const status_tag_1 = require("../../components/status-tag");
const timeline_1 = require("../../components/timeline");
const voice_player_1 = require("../../components/voice-player");
const use_async_action_1 = require("../../hooks/use-async-action");
const use_server_event_1 = require("../../hooks/use-server-event");
const auth_1 = require("../../services/auth");
const config_1 = require("../../services/config");
const format_1 = require("../../services/format");
const ticket_actions_1 = require("../../services/ticket-actions");
const tickets_1 = require("../../services/tickets");
function TicketPage() {
    const { params } = (0, taro_1.useRouter)();
    const id = String(params.id ?? '');
    const [ticket, setTicket] = (0, react_1.useState)(null);
    const [notice, setNotice] = (0, react_1.useState)(null);
    const load = (0, use_async_action_1.useAsyncAction)((0, react_1.useCallback)(async () => setTicket(await (0, tickets_1.getTicket)(id)), [id]));
    const act = (0, use_async_action_1.useAsyncAction)(async (fn, done) => {
        setTicket(await fn());
        setNotice(done);
    });
    (0, taro_1.useDidShow)(() => {
        (0, auth_1.whenLoggedIn)(() => load.run());
    });
    (0, use_server_event_1.useServerEvent)('ticket:updated', (t) => {
        if (t.id === id)
            setTicket(t);
    }, () => void load.run());
    const doAction = async (a) => {
        if (a === 'cancel') {
            const { confirm } = await taro_1.default.showModal({ title: '撤销报事', content: '确定撤销这条报事吗？', confirmText: '撤销', cancelText: '再想想' });
            if (!confirm)
                return;
        }
        await act.run(() => (0, tickets_1.transitionTicket)(id, a), a === 'cancel' ? '已撤销' : a === 'reopen' ? '已重新打开，社区会再次处理' : '已关闭，感谢您的反馈');
    };
    if (!ticket) {
        return (<page_frame_1.PageFrame testId="ticket-page">
        <error_banner_1.ErrorBanner message={load.error}/>
        {!load.error && <components_1.View className="muted center">加载中…</components_1.View>}
        {load.error && <action_button_1.ActionButton onClick={() => void load.run()}>重试</action_button_1.ActionButton>}
      </page_frame_1.PageFrame>);
    }
    return (<page_frame_1.PageFrame testId="ticket-page">
      <components_1.View className="card">
        <components_1.View className="row between">
          <components_1.View className="strong" data-testid="ticket-no">
            {ticket.no}
          </components_1.View>
          <status_tag_1.StatusTag status={ticket.status}/>
        </components_1.View>
        <components_1.View className="gap">
          {ticket.category} · {(0, format_1.formatAddress)(ticket.location)}
        </components_1.View>
        <components_1.View className="gap">{ticket.description || ticket.audio?.transcript || '（语音报事）'}</components_1.View>
        {ticket.audio && (<components_1.View className="row gap">
            <voice_player_1.VoicePlayer src={(0, config_1.absoluteUrl)(ticket.audio.url)} durationMs={ticket.audio.durationMs}/>
          </components_1.View>)}
        {ticket.assigneeName && <components_1.View className="muted">处理人：{ticket.assigneeName}</components_1.View>}
        <components_1.View className="muted">提交于 {(0, format_1.formatTime)(ticket.createdAt)}</components_1.View>
        {ticket.attachments.length > 0 && (<components_1.View className="photos gap">
            {ticket.attachments.map((a) => (<components_1.Image key={a.id} className="photo photo-img" src={(0, config_1.absoluteUrl)(a.url)} mode="aspectFill" data-testid="ticket-photo" onClick={() => void taro_1.default.previewImage({ urls: ticket.attachments.map((x) => (0, config_1.absoluteUrl)(x.url)), current: (0, config_1.absoluteUrl)(a.url) })}/>))}
          </components_1.View>)}
      </components_1.View>

      <error_banner_1.ErrorBanner message={act.error ?? load.error}/>
      {notice && !act.error && <components_1.View className="banner-ok">{notice}</components_1.View>}

      {(0, ticket_actions_1.canUrge)(ticket) && (<action_button_1.ActionButton primary testId="urge" disabled={act.busy} onClick={() => void act.run(() => (0, tickets_1.urgeTicket)(id), '已催单，社区会尽快处理')}>
          催一催{ticket.urgeCount > 0 ? `（已催 ${ticket.urgeCount} 次）` : ''}
        </action_button_1.ActionButton>)}
      {(0, ticket_actions_1.reporterActions)(ticket).map((a) => (<action_button_1.ActionButton key={a} testId={`action-${a}`} disabled={act.busy} onClick={() => void doAction(a)}>
          {ticket_actions_1.ACTION_TEXT[a] ?? a}
        </action_button_1.ActionButton>))}
      {(0, ticket_actions_1.canRate)(ticket) && (<components_1.View className="card gap">
          <components_1.View className="section-title">给这次处理打个分</components_1.View>
          <rating_form_1.RatingForm busy={act.busy} onSubmit={(s, c) => void act.run(() => (0, tickets_1.rateTicket)(id, s, c), '感谢您的评价')}/>
        </components_1.View>)}
      {ticket.rating && (<components_1.View className="card gap" data-testid="rating-done">
          您的评价：{'★'.repeat(ticket.rating.score)} {ticket.rating.comment ?? ''}
        </components_1.View>)}

      <components_1.View className="section-title">处理进度</components_1.View>
      <components_1.View className="card">
        <timeline_1.Timeline entries={ticket.timeline}/>
      </components_1.View>
    </page_frame_1.PageFrame>);
}
