// One resident's phone on a call or visit list: masked until 显示号码 (a server call that records who looked, when), then a tel: link.
import { useState } from 'react';
import { App, Button, Space, Typography } from 'antd';
import { residentsApi } from '../api/residents';
import { errorMessage } from '../lib/errors';

/**
 * `masked`: the masked number the list already has, `null` when the resident has none, `undefined` when the list does
 * not say (the 未打卡 list) — then the reveal answers whether there is one.
 */
export function RevealPhone({ residentId, masked, testId = 'phone' }: { residentId: string; masked?: string | null; testId?: string }) {
  const { message } = App.useApp();
  const [shown, setShown] = useState<string | null | undefined>(undefined);
  if (masked === null || shown === null) return <Typography.Text type="secondary">无电话</Typography.Text>;
  if (shown) return <a href={`tel:${shown}`} data-testid={`${testId}-tel`}>{shown}</a>;
  const reveal = () => residentsApi.revealPhone(residentId).then((r) => setShown(r.phone ?? null), (e) => message.error(errorMessage(e, '无法显示号码')));
  return (
    <Space size={4}>
      {masked && <span>{masked}</span>}
      <Button size="small" type="link" className="no-print" onClick={reveal} title="查看完整号码（会记录查看人和时间）" data-testid={`${testId}-reveal`}>
        显示号码
      </Button>
    </Space>
  );
}
