"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = NewPostPage;
// 我要留言: category, text and photos; a failed send keeps everything typed.
const components_1 = require("@tarojs/components");
const taro_1 = __importDefault(require("@tarojs/taro"));
const react_1 = require("react");
const contracts_1 = require("@linli/contracts");
const action_button_1 = require("../../components/action-button");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const photo_picker_1 = require("../../components/photo-picker");
const use_async_action_1 = require("../../hooks/use-async-action");
const board_1 = require("../../services/board");
const errors_1 = require("../../services/errors");
function NewPostPage() {
    const [category, setCategory] = (0, react_1.useState)(null);
    const [text, setText] = (0, react_1.useState)('');
    const [photos, setPhotos] = (0, react_1.useState)([]);
    const send = (0, use_async_action_1.useAsyncAction)(async () => {
        if (!category)
            throw new errors_1.ApiError('请选择留言类别', 0, 'VALIDATION');
        if (!text.trim())
            throw new errors_1.ApiError('请写下留言内容', 0, 'VALIDATION');
        const post = await (0, board_1.createPost)(category, text.trim(), photos);
        if (post.status === 'held')
            await taro_1.default.showToast({ title: '已提交，审核后显示', icon: 'none' });
        else
            await taro_1.default.showToast({ title: '已发布', icon: 'success' });
        await taro_1.default.navigateBack();
    });
    return (<page_frame_1.PageFrame testId="post-new-page">
      <components_1.View className="card">
        <components_1.View className="field">
          <components_1.View className="label">类别</components_1.View>
          <components_1.View className="chips">
            {contracts_1.POST_CATEGORIES.map((c) => (<components_1.View key={c} className={`chip${category === c ? ' chip-active' : ''}`} data-testid={`post-cat-${c}`} onClick={() => setCategory(c)}>
                {c}
              </components_1.View>))}
          </components_1.View>
        </components_1.View>
        <components_1.View className="field">
          <components_1.View className="label">内容</components_1.View>
          <components_1.Textarea className="textarea" data-testid="post-text-input" value={text} maxlength={contracts_1.BOARD_LIMITS.textMax} placeholder="想说点什么？建议、求助、表扬都可以" onInput={(e) => setText(e.detail.value)}/>
        </components_1.View>
        <components_1.View className="field">
          <components_1.View className="label">照片（可选）</components_1.View>
          <photo_picker_1.PhotoPicker photos={photos} onChange={setPhotos} onError={send.setError}/>
        </components_1.View>
      </components_1.View>
      <error_banner_1.ErrorBanner message={send.error}/>
      <action_button_1.ActionButton primary testId="post-submit" disabled={send.busy} onClick={() => void send.run()}>
        {send.busy ? '正在发布…' : '发布'}
      </action_button_1.ActionButton>
    </page_frame_1.PageFrame>);
}
