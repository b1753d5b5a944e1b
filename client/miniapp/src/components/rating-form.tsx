// 1-5 star rating with an optional comment, shown after a ticket is resolved.
import { Input, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from './action-button';
import { fieldName, tappable } from '../services/a11y';

export function RatingForm({ busy, onSubmit }: { busy: boolean; onSubmit: (score: number, comment?: string) => void }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <View data-testid="rating-form">
      <View className="stars" role="radiogroup" aria-label="打分">
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} className={`star${n <= score ? ' star-on' : ''}`} data-testid={`star-${n}`} onClick={() => setScore(n)} {...tappable({ checked: n === score, label: `${n} 星` })}>
            ★
          </View>
        ))}
      </View>
      <Input className="input gap" data-testid="rating-comment" value={comment} maxlength={300} placeholder="说说您的感受（可选）" {...fieldName('评价内容（可选）')} onInput={(e) => setComment(e.detail.value)} />
      <ActionButton primary testId="rating-submit" disabled={busy || score === 0} onClick={() => onSubmit(score, comment.trim() || undefined)}>
        {score === 0 ? '请先点星星打分' : '提交评价'}
      </ActionButton>
    </View>
  );
}
