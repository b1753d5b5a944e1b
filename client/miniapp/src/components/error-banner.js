"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ErrorBanner = ErrorBanner;
// A clear inline message for a failed request (shown where the resident is looking, not only as a toast).
const components_1 = require("@tarojs/components");
function ErrorBanner({ message }) {
    if (!message)
        return null;
    return (<components_1.View className="banner-error" data-testid="error">
      {message}
    </components_1.View>);
}
