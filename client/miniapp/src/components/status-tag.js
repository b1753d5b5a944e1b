"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StatusTag = StatusTag;
// A ticket's status as a coloured tag with the shared Chinese label.
const components_1 = require("@tarojs/components");
const contracts_1 = require("@linli/contracts");
function StatusTag({ status }) {
    return (<components_1.Text className={`tag tag-${status}`} data-testid="ticket-status">
      {contracts_1.TICKET_STATUS_LABELS[status]}
    </components_1.Text>);
}
