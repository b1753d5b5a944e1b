"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ChannelConsent = ChannelConsent;
// Which channels the community may use to reach this resident (consent as registered); changes are made at the service desk.
const components_1 = require("@tarojs/components");
const contracts_1 = require("@linli/contracts");
function ChannelConsent({ channels }) {
    return (<components_1.View className="card" data-testid="channels">
      <components_1.View className="strong">通知方式</components_1.View>
      <components_1.View className="gap">
        {contracts_1.NOTIFY_CHANNELS.map((c) => (<components_1.Text key={c} className={`tag${channels.includes(c) ? ' tag-resolved' : ''}`}>
            {channels.includes(c) ? '✓ ' : '✗ '}
            {contracts_1.NOTICE_CHANNEL_LABELS[c]}
          </components_1.Text>))}
      </components_1.View>
      <components_1.View className="muted gap">如需更改通知方式或紧急联系人，请到社区会客厅或联系网格员办理。</components_1.View>
    </components_1.View>);
}
