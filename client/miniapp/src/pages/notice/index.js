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
exports.default = NoticePage;
// 通知详情: the notice's Markdown (rendered and sanitised by the server), attachments; opening it marks it read.
const components_1 = require("@tarojs/components");
const taro_1 = __importStar(require("@tarojs/taro"));
const react_1 = require("react");
const action_button_1 = require("../../components/action-button");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const use_async_action_1 = require("../../hooks/use-async-action");
const auth_1 = require("../../services/auth");
const config_1 = require("../../services/config");
const format_1 = require("../../services/format");
const notices_1 = require("../../services/notices");
function NoticePage() {
    const { params } = (0, taro_1.useRouter)();
    const id = String(params.id ?? '');
    const [notice, setNotice] = (0, react_1.useState)(null);
    const load = (0, use_async_action_1.useAsyncAction)((0, react_1.useCallback)(async () => {
        const n = await (0, notices_1.getNotice)(id);
        setNotice(n);
        if (!n.readAt)
            setNotice(await (0, notices_1.markNoticeRead)(id));
    }, [id]));
    (0, taro_1.useDidShow)(() => {
        (0, auth_1.whenLoggedIn)(() => load.run());
    });
    const openAttachment = (url, mime) => {
        if (mime.startsWith('image/'))
            void taro_1.default.previewImage({ urls: [(0, config_1.absoluteUrl)(url)] });
        else if (process.env.TARO_ENV === 'h5')
            window.open(url, '_blank');
        else
            void taro_1.default.downloadFile({ url: (0, config_1.absoluteUrl)(url) })
                .then((r) => taro_1.default.openDocument({ filePath: r.tempFilePath }))
                .catch(() => load.setError('附件打开失败，请稍后再试'));
    };
    return (<page_frame_1.PageFrame testId="notice-page">
      <error_banner_1.ErrorBanner message={load.error}/>
      {load.error && !notice && <action_button_1.ActionButton onClick={() => void load.run()}>重试</action_button_1.ActionButton>}
      {notice && (<components_1.View className="card">
          <components_1.View>
            {notice.pinned && <components_1.Text className="tag tag-pinned">置顶</components_1.Text>}
            <components_1.Text className="tag">{notice.category}</components_1.Text>
          </components_1.View>
          <components_1.View className="section-title" data-testid="notice-detail-title">
            {notice.title}
          </components_1.View>
          <components_1.View className="muted">
            {(0, format_1.formatTime)(notice.publishedAt ?? notice.createdAt)}
            {notice.readAt ? ' · 已读' : ''}
          </components_1.View>
          <components_1.View className="gap rich" data-testid="notice-body">
            <components_1.RichText nodes={notice.bodyHtml}/>
          </components_1.View>
          {notice.attachments.length > 0 && (<components_1.View className="gap">
              <components_1.View className="strong">附件</components_1.View>
              {notice.attachments.map((a, i) => (<components_1.View key={a.id} className="btn" onClick={() => openAttachment(a.url, a.mime)}>
                  附件 {i + 1}（{a.mime.startsWith('image/') ? '图片' : a.mime === 'application/pdf' ? 'PDF' : '文件'}，{Math.ceil(a.size / 1024)} KB）
                </components_1.View>))}
            </components_1.View>)}
        </components_1.View>)}
    </page_frame_1.PageFrame>);
}
