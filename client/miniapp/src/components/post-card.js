"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReplyItem = ReplyItem;
exports.PostCard = PostCard;
// One board post: category, author, text, photos, and its replies with official ones highlighted.
const components_1 = require("@tarojs/components");
const contracts_1 = require("@linli/contracts");
const config_1 = require("../services/config");
const format_1 = require("../services/format");
function ReplyItem({ reply }) {
    return (<components_1.View className={`card${reply.official ? ' official' : ''}`} data-testid={reply.official ? 'reply-official' : 'reply'}>
      <components_1.View className="muted">
        {reply.official && <components_1.Text className="tag tag-pinned">社区回复</components_1.Text>}
        {reply.author.name}
        {reply.author.building ? ` · ${reply.author.building}` : ''} · {(0, format_1.formatTime)(reply.createdAt)}
        {reply.status === 'held' ? ' · 审核中' : ''}
      </components_1.View>
      <components_1.View>{reply.text}</components_1.View>
    </components_1.View>);
}
function PostCard({ post, onOpen, full }) {
    const replies = full ? post.replies : post.replies.slice(-2);
    return (<components_1.View className="card" data-testid="post-card" onClick={onOpen}>
      <components_1.View className="row between">
        <components_1.View>
          <components_1.Text className="tag">{post.category}</components_1.Text>
          <components_1.Text className="muted">
            {post.author.kind === 'staff' ? '社区' : post.author.name}
            {post.author.building ? ` · ${post.author.building}` : ''}
          </components_1.Text>
        </components_1.View>
        {post.status !== 'published' && <components_1.Text className="tag tag-submitted">{contracts_1.POST_STATUS_LABELS[post.status]}</components_1.Text>}
      </components_1.View>
      <components_1.View className="gap" data-testid="post-text">
        {post.text}
      </components_1.View>
      {post.photos.length > 0 && (<components_1.View className="photos gap">
          {post.photos.map((p) => (<components_1.Image key={p.id} className="photo photo-img" src={(0, config_1.absoluteUrl)(p.url)} mode="aspectFill"/>))}
        </components_1.View>)}
      {post.ticket && <components_1.View className="muted">已转为工单 {post.ticket.no}</components_1.View>}
      <components_1.View className="muted">
        {(0, format_1.formatTime)(post.createdAt)} · {post.replyCount} 条回复
      </components_1.View>
      {replies.length > 0 && (<components_1.View className="gap">
          {replies.map((r) => (<ReplyItem key={r.id} reply={r}/>))}
        </components_1.View>)}
    </components_1.View>);
}
