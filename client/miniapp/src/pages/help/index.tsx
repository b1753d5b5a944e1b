// 有问必答: a question answered by the community's FAQ rules; when nothing matches, 您是不是想问… and a way to report or ask on the board.
import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { FaqMatchResult, FaqSuggestion } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { useAsyncAction } from '../../hooks/use-async-action';
import { ApiError } from '../../services/errors';
import { askFaq } from '../../services/faq';
import { fieldName, tappable } from '../../services/a11y';

export default function HelpPage() {
  const [question, setQuestion] = useState('');
  const [result, setResult] = useState<FaqMatchResult | null>(null);
  const ask = useAsyncAction(async () => {
    if (!question.trim()) throw new ApiError('请输入您的问题', 0, 'VALIDATION');
    setResult(await askFaq(question.trim()));
  });
  // A suggestion carries its answer: showing it needs no second request.
  const pick = (s: FaqSuggestion) => setResult({ match: { ruleId: s.ruleId, title: s.question, answer: s.answer, score: 0 }, suggestions: [] });
  const suggestions = result?.suggestions ?? [];

  return (
    <PageFrame testId="help-page">
      <View className="card">
        <View className="label">您想问什么？</View>
        <Input className="input" data-testid="help-question" {...fieldName('您的问题')} value={question} maxlength={200} placeholder="例如：物业电话是多少" confirmType="search" onInput={(e) => setQuestion(e.detail.value)} onConfirm={() => void ask.run()} />
        <ActionButton primary testId="help-ask" disabled={ask.busy} onClick={() => void ask.run()}>
          {ask.busy ? '正在查找…' : '提问'}
        </ActionButton>
      </View>
      <ErrorBanner message={ask.error} />
      {result?.match && (
        <View className="card official" data-testid="help-answer">
          {result.match.title && <View className="strong">{result.match.title}</View>}
          <View style={{ whiteSpace: 'pre-wrap' }}>{result.match.answer}</View>
        </View>
      )}
      {result && !result.match && suggestions.length > 0 && (
        <View className="card" data-testid="help-suggestions">
          <View className="strong">您是不是想问：</View>
          {suggestions.map((s) => (
            <View key={s.ruleId} className="btn" data-testid="help-suggestion" onClick={() => pick(s)} {...tappable()}>
              {s.question}
            </View>
          ))}
        </View>
      )}
      {result && !result.match && (
        <View className="card" data-testid="help-none">
          <View>{suggestions.length > 0 ? '都不是？社区工作人员会补充答案。您也可以：' : '暂时没有现成的答案，社区工作人员会补充。您也可以：'}</View>
          <ActionButton onClick={() => void Taro.switchTab({ url: '/pages/board/index' })}>到留言板求助</ActionButton>
          <ActionButton onClick={() => void Taro.switchTab({ url: '/pages/report/index' })}>报事</ActionButton>
        </View>
      )}
    </PageFrame>
  );
}
