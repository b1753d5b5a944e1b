"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = PostPage;
// 留言详情: the post with all replies (official ones stand out) and a reply box; updates live.
const components_1 = require("@tarojs/components");
const taro_1 = require("@tarojs/taro");
const react_1 = require("react");
const contracts_1 = require("@linli/contracts");
const action_button_1 = require("../../components/action-button");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const post_card_1 = require("../../components/post-card");
const use_async_action_1 = require("../../hooks/use-async-action");
const use_server_event_1 = require("../../hooks/use-server-event");
const auth_1 = require("../../services/auth");
const board_1 = require("../../services/board");
const errors_1 = require("../../services/errors");
function PostPage() {
    const { params } = (0, taro_1.useRouter)();
    const id = String(params.id ?? '');
    const [post, setPost] = (0, react_1.useState)(null);
    const [text, setText] = (0, react_1.useState)('');
    const load = (0, use_async_action_1.useAsyncAction)((0, react_1.useCallback)(async () => setPost(await (0, board_1.getPost)(id)), [id]));
    const reply = (0, use_async_action_1.useAsyncAction)(async () => {
        if (!text.trim())
            throw new errors_1.ApiError('请写下回复内容', 0, 'VALIDATION');
        const r = await (0, board_1.replyToPost)(id, text.trim());
        setPost((p) => (p ? (0, board_1.applyReply)([p], { postId: id, reply: r, replyCount: p.replyCount + 1 })[0] : p));
        setText('');
    });
    (0, taro_1.useDidShow)(() => {
        (0, auth_1.whenLoggedIn)(() => load.run());
    });
    (0, use_server_event_1.useServerEvent)('post:replied', (e) => setPost((p) => (p && e.postId === id ? (0, board_1.applyReply)([p], e)[0] : p)), () => void load.run());
    (0, use_server_event_1.useServerEvent)('post:updated', (p) => p.id === id && setPost(p));
    return (<page_frame_1.PageFrame testId="post-page">
      <error_banner_1.ErrorBanner message={load.error}/>
      {post && <post_card_1.PostCard post={post} full/>}
      {post && (<components_1.View className="card">
          <components_1.Input className="input" data-testid="reply-input" value={text} maxlength={contracts_1.BOARD_LIMITS.replyMax} placeholder="写下您的回复" onInput={(e) => setText(e.detail.value)}/>
          <error_banner_1.ErrorBanner message={reply.error}/>
          <action_button_1.ActionButton primary testId="reply-submit" disabled={reply.busy} onClick={() => void reply.run()}>
            {reply.busy ? '正在回复…' : '回复'}
          </action_button_1.ActionButton>
        </components_1.View>)}
    </page_frame_1.PageFrame>);
}
