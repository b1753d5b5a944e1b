"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ActionButton = ActionButton;
// A large tappable button that ignores taps while its action is running.
const components_1 = require("@tarojs/components");
function ActionButton({ onClick, primary, small, disabled, testId, children }) {
    const cls = ['btn', primary && 'btn-primary', small && 'btn-small', disabled && 'btn-disabled'].filter(Boolean).join(' ');
    return (<components_1.View className={cls} data-testid={testId} aria-disabled={disabled} onClick={() => !disabled && onClick()}>
      {children}
    </components_1.View>);
}
