"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WishItem = WishItem;
// One wish-list item: number, title, status, votes, estimated cost and money spent, latest progress; selectable while voting.
const components_1 = require("@tarojs/components");
const contracts_1 = require("@linli/contracts");
const format_1 = require("../services/format");
function WishItem({ item, votes, selectable, selected, mine, onToggle }) {
    const last = item.progress[item.progress.length - 1];
    return (<components_1.View className={`card${selected ? ' official' : ''}`} data-testid="wish-item" data-selected={selected ? '1' : '0'} onClick={() => selectable && onToggle()}>
      <components_1.View className="row between">
        <components_1.View className="strong grow">
          {selectable && <components_1.Text>{selected ? '☑ ' : '☐ '}</components_1.Text>}
          {item.no}. {item.title}
        </components_1.View>
        <components_1.Text className={`tag${item.status === 'done' ? ' tag-resolved' : ''}`}>{contracts_1.WISH_ITEM_STATUS_LABELS[item.status]}</components_1.Text>
      </components_1.View>
      {item.description && <components_1.View className="gap">{item.description}</components_1.View>}
      <components_1.View className="muted">
        <components_1.Text data-testid="wish-votes">{votes} 票</components_1.Text>
        {mine ? ' · 我家已选' : ''}
        {item.estimatedCost ? ` · 预算 ¥${(0, contracts_1.formatFen)(item.estimatedCost)}` : ''}
        {item.spent ? ` · 已支出 ¥${(0, contracts_1.formatFen)(item.spent)}` : ''}
      </components_1.View>
      {item.status === 'rejected' && item.rejectReason && <components_1.View className="muted">不采纳原因：{item.rejectReason}</components_1.View>}
      {last && (<components_1.View className="muted">
          最新进展（{(0, format_1.formatTime)(last.at)}）：{last.note ?? (last.to ? contracts_1.WISH_ITEM_STATUS_LABELS[last.to] : '')}
        </components_1.View>)}
    </components_1.View>);
}
