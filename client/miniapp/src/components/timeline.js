"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.describe = describe;
exports.Timeline = Timeline;
// A ticket's progress, newest first, public events only (the server already hides internal notes; we never show them).
const components_1 = require("@tarojs/components");
const contracts_1 = require("@linli/contracts");
const format_1 = require("../services/format");
const KIND_LABELS = {
    created: '已提交',
    accepted: '社区已受理',
    assigned: '已派单',
    started: '开始处理',
    resolved: '已处理完成',
    closed: '已关闭',
    reopened: '已重新打开',
    cancelled: '已撤销',
    comment: '留言',
    urged: '催单',
    rated: '已评价',
    escalated: '已超时，已提醒负责人加快处理',
    transcribed: '语音已转为文字',
};
function describe(e) {
    if (e.kind === 'assigned' && e.assigneeName)
        return `已派给 ${e.assigneeName}`;
    if (e.kind === 'rated' && e.score)
        return `已评价 ${e.score} 星`;
    if (!KIND_LABELS[e.kind] && e.to)
        return contracts_1.TICKET_STATUS_LABELS[e.to];
    return KIND_LABELS[e.kind] ?? e.kind;
}
function Timeline({ entries }) {
    const visible = entries.filter((e) => !e.internal).slice().reverse();
    return (<components_1.View data-testid="timeline">
      {visible.map((e, i) => (<components_1.View className="timeline-item" key={`${e.at}-${i}`} data-testid="timeline-item">
          <components_1.View className="timeline-dot"/>
          <components_1.View className="strong">{describe(e)}</components_1.View>
          {e.note && <components_1.View>{e.note}</components_1.View>}
          <components_1.View className="muted">
            {(0, format_1.formatTime)(e.at)} {e.actor.kind === 'system' ? '' : e.actor.name}
          </components_1.View>
        </components_1.View>))}
    </components_1.View>);
}
