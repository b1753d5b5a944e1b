"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PageFrame = PageFrame;
// Wraps every page: applies elder-friendly mode and gives tests a stable hook.
const components_1 = require("@tarojs/components");
const use_elder_1 = require("../hooks/use-elder");
function PageFrame({ children, testId }) {
    const elder = (0, use_elder_1.useElderMode)();
    return (<components_1.View className={`page${elder ? ' elder' : ''}`} data-testid={testId} data-elder={elder ? '1' : '0'}>
      {children}
    </components_1.View>);
}
