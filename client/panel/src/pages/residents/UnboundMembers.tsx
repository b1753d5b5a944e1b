// 群里未绑定的成员: community group members no resident is bound to yet (as the bot last reported) — whom to hand a 绑定码.
import { useEffect, useState } from 'react';
import { Alert, Tag, Typography } from 'antd';
import type { UnboundMemberDto } from '@linli/contracts';
import { residentsApi } from '../../api/residents';

export function UnboundMembers() {
  const [items, setItems] = useState<UnboundMemberDto[] | null>(null);
  useEffect(() => {
    residentsApi.unboundMembers().then((r) => setItems(r.items), () => setItems(null));
  }, []);
  if (!items?.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="unbound-members"
      message={`社区群里有 ${items.length} 位成员还没有绑定居民档案`}
      description={
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            绑定后，他们在群里发「平安」「我的工单」才能识别本人。在下表「微信」列为对应居民生成绑定码，请他们发送「绑定 123456」。
          </Typography.Paragraph>
          {items.slice(0, 100).map((m, i) => (
            <Tag key={`${m.roomTopic ?? ''}-${m.name}-${i}`} title={m.roomTopic}>
              {m.name}
            </Tag>
          ))}
          {items.length > 100 && <Typography.Text type="secondary">等 {items.length} 人</Typography.Text>}
        </>
      }
    />
  );
}
