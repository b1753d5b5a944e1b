"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = HelpPage;
// 有问必答: a question answered by the community's FAQ rules; when nothing matches, a way to report or ask on the board.
const components_1 = require("@tarojs/components");
const taro_1 = __importDefault(require("@tarojs/taro"));
const react_1 = require("react");
const action_button_1 = require("../../components/action-button");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const use_async_action_1 = require("../../hooks/use-async-action");
const errors_1 = require("../../services/errors");
const faq_1 = require("../../services/faq");
function HelpPage() {
    const [question, setQuestion] = (0, react_1.useState)('');
    const [result, setResult] = (0, react_1.useState)(null);
    const ask = (0, use_async_action_1.useAsyncAction)(async () => {
        if (!question.trim())
            throw new errors_1.ApiError('请输入您的问题', 0, 'VALIDATION');
        setResult(await (0, faq_1.askFaq)(question.trim()));
    });
    return (<page_frame_1.PageFrame testId="help-page">
      <components_1.View className="card">
        <components_1.View className="label">您想问什么？</components_1.View>
        <components_1.Input className="input" data-testid="help-question" value={question} maxlength={200} placeholder="例如：物业电话是多少" confirmType="search" onInput={(e) => setQuestion(e.detail.value)} onConfirm={() => void ask.run()}/>
        <action_button_1.ActionButton primary testId="help-ask" disabled={ask.busy} onClick={() => void ask.run()}>
          {ask.busy ? '正在查找…' : '提问'}
        </action_button_1.ActionButton>
      </components_1.View>
      <error_banner_1.ErrorBanner message={ask.error}/>
      {result?.match && (<components_1.View className="card official" data-testid="help-answer">
          {result.match.title && <components_1.View className="strong">{result.match.title}</components_1.View>}
          <components_1.View style={{ whiteSpace: 'pre-wrap' }}>{result.match.answer}</components_1.View>
        </components_1.View>)}
      {result && !result.match && (<components_1.View className="card" data-testid="help-none">
          <components_1.View>暂时没有现成的答案，社区工作人员会补充。您也可以：</components_1.View>
          <action_button_1.ActionButton onClick={() => void taro_1.default.switchTab({ url: '/pages/board/index' })}>到留言板求助</action_button_1.ActionButton>
          <action_button_1.ActionButton onClick={() => void taro_1.default.switchTab({ url: '/pages/report/index' })}>报事</action_button_1.ActionButton>
        </components_1.View>)}
    </page_frame_1.PageFrame>);
}
