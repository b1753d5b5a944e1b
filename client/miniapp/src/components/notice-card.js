"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NoticeCard = NoticeCard;
// One notice in the home list: unread mark, pinned and category tags, title, time.
const components_1 = require("@tarojs/components");
const format_1 = require("../services/format");
function NoticeCard({ notice, onOpen }) {
    const unread = !notice.readAt;
    return (<components_1.View className={`card${unread ? ' notice-unread' : ''}`} data-testid="notice-card" data-unread={unread ? '1' : '0'} onClick={onOpen}>
      <components_1.View>
        {notice.pinned && <components_1.Text className="tag tag-pinned">置顶</components_1.Text>}
        <components_1.Text className={`tag${notice.category === '紧急' || notice.category === '停水停电' ? ' tag-pinned' : ''}`}>{notice.category}</components_1.Text>
        {unread && <components_1.Text className="tag tag-submitted">未读</components_1.Text>}
      </components_1.View>
      <components_1.View className="strong gap" data-testid="notice-title">
        {notice.title}
      </components_1.View>
      <components_1.View className="muted">{(0, format_1.formatTime)(notice.publishedAt ?? notice.createdAt)}</components_1.View>
    </components_1.View>);
}
