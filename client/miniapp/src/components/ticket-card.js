"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TicketCard = TicketCard;
// One row of 我的工单: number, category, status, a line of the description.
const components_1 = require("@tarojs/components");
const format_1 = require("../services/format");
const status_tag_1 = require("./status-tag");
function TicketCard({ ticket, onOpen }) {
    return (<components_1.View className="card" data-testid="ticket-card" data-ticket-no={ticket.no} onClick={onOpen}>
      <components_1.View className="row between">
        <components_1.View className="strong">
          {ticket.category} · {ticket.no}
        </components_1.View>
        <status_tag_1.StatusTag status={ticket.status}/>
      </components_1.View>
      <components_1.View className="gap">{ticket.title || ticket.description || '（语音报事）'}</components_1.View>
      <components_1.View className="muted">{(0, format_1.formatTime)(ticket.createdAt)}</components_1.View>
    </components_1.View>);
}
