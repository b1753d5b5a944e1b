// A masked phone number with a 显示号码 button: the reveal is a server call that is audited (who, whose number, when).
import { useState } from 'react';
import { App, Button, Space, Typography } from 'antd';
import type { ResidentDto } from '@linli/contracts';
import { residentsApi } from '../../api/residents';
import { errorMessage } from '../../lib/errors';

export function RevealPhone({ resident }: { resident: ResidentDto }) {
  const { message } = App.useApp();
  const [shown, setShown] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!resident.phone) return <>—</>;
  if (!resident.phoneMasked || shown) return <Typography.Text copyable={!!shown}>{shown ?? resident.phone}</Typography.Text>;
  const reveal = async () => {
    setBusy(true);
    try {
      const r = await residentsApi.revealPhone(resident.id);
      setShown(r.phone ?? '—');
    } catch (e) {
      message.error(errorMessage(e, '无法显示号码'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4}>
      <span>{resident.phone}</span>
      <Button size="small" type="link" loading={busy} onClick={reveal} title="查看完整号码（会记录查看人和时间）" data-testid="reveal-phone">
        显示号码
      </Button>
    </Space>
  );
}
