// "试一试": type what a resident might say and see which rule would answer (the real matcher on the server).
import { useState } from 'react';
import { Alert, Card, Input, Typography } from 'antd';
import type { FaqMatchResult } from '@linli/contracts';
import { faqApi } from '../../api/faq';
import { errorMessage } from '../../lib/errors';

export function FaqTryBox() {
  const [result, setResult] = useState<FaqMatchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const ask = async (text: string) => {
    if (!text.trim()) return;
    setLoading(true);
    try {
      setResult(await faqApi.match(text.trim()));
      setError(null);
    } catch (e) {
      setError(errorMessage(e, '请求失败'));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Card title="试一试" size="small" data-testid="faq-try">
      <Input.Search placeholder="例如：医保怎么缴费？" enterButton="匹配" loading={loading} onSearch={ask} maxLength={2000} />
      {error && <Alert type="error" message={error} style={{ marginTop: 12 }} />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="faq-try-result">
          {result.match ? (
            <Alert
              type="success"
              message={`命中规则：${result.match.title ?? '未命名'}（匹配度 ${result.match.score}）`}
              description={<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{result.match.answer}</Typography.Paragraph>}
            />
          ) : (
            <Alert type="info" message="没有规则能回答这句话，机器人会转给工作人员" />
          )}
        </div>
      )}
    </Card>
  );
}
