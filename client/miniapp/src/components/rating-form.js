"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RatingForm = RatingForm;
// 1-5 star rating with an optional comment, shown after a ticket is resolved.
const components_1 = require("@tarojs/components");
const react_1 = require("react");
const action_button_1 = require("./action-button");
function RatingForm({ busy, onSubmit }) {
    const [score, setScore] = (0, react_1.useState)(0);
    const [comment, setComment] = (0, react_1.useState)('');
    return (<components_1.View data-testid="rating-form">
      <components_1.View className="stars">
        {[1, 2, 3, 4, 5].map((n) => (<components_1.View key={n} className={`star${n <= score ? ' star-on' : ''}`} data-testid={`star-${n}`} onClick={() => setScore(n)}>
            ★
          </components_1.View>))}
      </components_1.View>
      <components_1.Input className="input gap" data-testid="rating-comment" value={comment} maxlength={300} placeholder="说说您的感受（可选）" onInput={(e) => setComment(e.detail.value)}/>
      <action_button_1.ActionButton primary testId="rating-submit" disabled={busy || score === 0} onClick={() => onSubmit(score, comment.trim() || undefined)}>
        {score === 0 ? '请先点星星打分' : '提交评价'}
      </action_button_1.ActionButton>
    </components_1.View>);
}
