"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AlertBanner = AlertBanner;
// Banner for active public alerts (e.g. a smoke alarm in a stairwell), shown on top of the home page.
const components_1 = require("@tarojs/components");
function AlertBanner({ alerts }) {
    if (alerts.length === 0)
        return null;
    return (<components_1.View data-testid="alert-banner">
      {alerts.map((a) => (<components_1.View className="banner-alert" key={a.id}>
          ⚠ {a.title.includes(a.typeLabel) ? a.title : `${a.typeLabel}：${a.title}`}
        </components_1.View>))}
    </components_1.View>);
}
