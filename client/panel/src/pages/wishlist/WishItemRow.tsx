// One wish-list item: votes bar, status, legal next moves (不采纳 asks a reason), progress notes, money spent vs estimate.
import { useState } from 'react';
import { App, Button, Progress, Space, Tag, Typography } from 'antd';
import { WISH_ITEM_ACTION_LABELS, WISH_ITEM_STATUS_LABELS, formatFen, legalWishActions, type WishItemAction, type WishItemDto } from '@linli/contracts';
import { wishlistApi } from '../../api/wishlist';
import { PromptModal } from '../../components/PromptModal';
import { errorMessage } from '../../lib/errors';

const STATUS_COLORS = { pending: 'default', approved: 'blue', building: 'processing', done: 'success', rejected: 'default' } as const;

export function WishItemRow({ item, votes, maxVotes, onChanged }: { item: WishItemDto; votes: number; maxVotes: number; onChanged: (i: WishItemDto) => void }) {
  const { message } = App.useApp();
  const [ask, setAsk] = useState<'reject' | 'progress' | null>(null);
  const run = (p: Promise<WishItemDto>, done: string) =>
    p.then((i) => { onChanged(i); message.success(done); }, (e) => message.error(errorMessage(e)));
  const act = (a: WishItemAction) => (a === 'reject' ? setAsk('reject') : run(wishlistApi.transition(item.id, a), `已${WISH_ITEM_ACTION_LABELS[a]}`));

  return (
    <div style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="wish-item">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space>
          <Typography.Text type="secondary">#{item.no}</Typography.Text>
          <Typography.Text strong>{item.title}</Typography.Text>
          <Tag color={STATUS_COLORS[item.status]}>{WISH_ITEM_STATUS_LABELS[item.status]}</Tag>
          {item.estimatedCost !== undefined && <Typography.Text type="secondary">预算 ¥{formatFen(item.estimatedCost)}</Typography.Text>}
          {item.spent > 0 && <Typography.Text type="secondary">已支出 ¥{formatFen(item.spent)}</Typography.Text>}
        </Space>
        <Space size={4}>
          {legalWishActions(item.status).map((a) => (
            <Button key={a} size="small" danger={a === 'reject'} onClick={() => act(a)}>
              {WISH_ITEM_ACTION_LABELS[a]}
            </Button>
          ))}
          {(item.status === 'approved' || item.status === 'building') && (
            <Button size="small" type="link" onClick={() => setAsk('progress')}>
              记录进展
            </Button>
          )}
        </Space>
      </Space>
      <Progress aria-label={`${item.title} 得票`} percent={maxVotes ? Math.round((votes / maxVotes) * 100) : 0} format={() => `${votes} 票`} strokeColor="#1668dc" />
      {item.rejectReason && <Typography.Text type="secondary">不采纳原因：{item.rejectReason}</Typography.Text>}
      {item.progress.filter((p) => p.kind === 'progress').slice(-2).map((p, i) => (
        <div key={i} style={{ fontSize: 12, color: '#595959' }}>进展：{p.note}（{p.by}）</div>
      ))}
      <PromptModal
        open={ask !== null}
        title={ask === 'reject' ? `不采纳「${item.title}」` : `记录进展 · ${item.title}`}
        placeholder={ask === 'reject' ? '原因（居民可见）' : '例如：已完成基础施工，下周安装'}
        maxLength={ask === 'reject' ? 500 : 1000}
        onCancel={() => setAsk(null)}
        onOk={async (text) => {
          const a = ask;
          setAsk(null);
          if (a === 'reject') await run(wishlistApi.transition(item.id, 'reject', text), '已标记不采纳');
          if (a === 'progress') await run(wishlistApi.progress(item.id, text), '进展已发布');
        }}
      />
    </div>
  );
}
