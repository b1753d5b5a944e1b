// One board post for moderators: text, photos, replies (with their own moderation), official reply, hide/restore/approve, turn into a ticket.
import { useState } from 'react';
import { App, Button, Card, Image, Input, Select, Space, Tag, Typography } from 'antd';
import { TICKET_CATEGORIES, POST_STATUS_LABELS, type PostDto, type ReplyDto, type TicketCategory } from '@linli/contracts';
import { Link } from 'react-router-dom';
import { boardApi } from '../../api/board';
import { PromptModal } from '../../components/PromptModal';
import { fmtDateTime } from '../../lib/time';
import { errorMessage } from '../../lib/errors';

const STATUS_COLORS = { published: 'green', held: 'orange', hidden: 'default' } as const;
type Ask = { kind: 'hide' } | { kind: 'hideReply'; reply: ReplyDto } | null;

export function PostCard({ post, onChanged }: { post: PostDto; onChanged: (p: PostDto) => void }) {
  const { message } = App.useApp();
  const [reply, setReply] = useState('');
  const [ask, setAsk] = useState<Ask>(null);
  const [ticketCat, setTicketCat] = useState<TicketCategory | undefined>();
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (key: string, fn: () => Promise<PostDto | void>, done: string) => {
    setBusy(key);
    try {
      const p = await fn();
      if (p) onChanged(p);
      message.success(done);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const sendReply = () =>
    act('reply', async () => {
      const r = await boardApi.reply(post.id, reply.trim());
      setReply('');
      return { ...post, replies: [...post.replies.filter((x) => x.id !== r.id), r], replyCount: post.replyCount + 1 };
    }, '官方回复已发布');

  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="board-post" data-post-id={post.id}>
      <Space wrap size={6}>
        <Tag color="blue">{post.category}</Tag>
        <Tag color={STATUS_COLORS[post.status]}>{POST_STATUS_LABELS[post.status]}</Tag>
        {post.channel === 'desk' && <Tag>会客厅代登记{post.registeredBy ? ` · ${post.registeredBy.name}` : ''}</Tag>}
        <Typography.Text strong>{post.author.name}</Typography.Text>
        {post.author.building && <Typography.Text type="secondary">{post.author.building}</Typography.Text>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {fmtDateTime(post.createdAt)}
        </Typography.Text>
        {post.ticket && (
          <Link to={`/tickets/${post.ticket.id}`}>
            <Tag color="purple">已转工单 {post.ticket.no}</Tag>
          </Link>
        )}
      </Space>
      <Typography.Paragraph style={{ margin: '8px 0', fontSize: 15, whiteSpace: 'pre-wrap' }}>{post.text}</Typography.Paragraph>
      {post.heldWords?.length ? <div><Typography.Text type="warning">触发敏感词：{post.heldWords.join('、')}</Typography.Text></div> : null}
      {post.hidden && (
        <div>
          <Typography.Text type="secondary">
            隐藏原因：{post.hidden.reason}（{post.hidden.by}，{fmtDateTime(post.hidden.at)}）
          </Typography.Text>
        </div>
      )}
      {post.photos.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }}>
          {post.photos.map((ph) => (
            <Image key={ph.id} src={ph.url} width={80} height={80} style={{ objectFit: 'cover', borderRadius: 6 }} />
          ))}
        </Space>
      )}
      {post.replies.length > 0 && (
        <div style={{ background: '#fafafa', borderRadius: 6, padding: '6px 10px', margin: '8px 0' }}>
          {post.replies.map((r) => (
            <div key={r.id} style={{ padding: '4px 0', opacity: r.status === 'hidden' ? 0.5 : 1 }} data-testid="board-reply">
              {r.official && <Tag color="red">官方回复</Tag>}
              <Typography.Text strong>{r.author.name}：</Typography.Text>
              <span>{r.text}</span>
              {r.status !== 'visible' && <Tag style={{ marginLeft: 6 }}>{r.status === 'held' ? '待审核' : '已隐藏'}</Tag>}
              <Space size={0} style={{ float: 'right' }}>
                {r.status === 'held' && <Button size="small" type="link" onClick={() => act(`ra-${r.id}`, () => boardApi.approveReply(post.id, r.id), '回复已通过')}>通过</Button>}
                {r.status !== 'hidden' && !r.official && <Button size="small" type="link" danger onClick={() => setAsk({ kind: 'hideReply', reply: r })}>隐藏</Button>}
                {r.status === 'hidden' && <Button size="small" type="link" onClick={() => act(`rr-${r.id}`, () => boardApi.restoreReply(post.id, r.id), '回复已恢复')}>恢复</Button>}
              </Space>
            </div>
          ))}
        </div>
      )}
      {post.status === 'published' && (
        <Space.Compact style={{ width: '100%', marginTop: 4 }}>
          <Input placeholder="以社区名义官方回复" value={reply} maxLength={500} onChange={(e) => setReply(e.target.value)} onPressEnter={() => reply.trim() && sendReply()} data-testid="board-reply-input" />
          <Button type="primary" disabled={!reply.trim()} loading={busy === 'reply'} onClick={sendReply} data-testid="board-reply-send">
            官方回复
          </Button>
        </Space.Compact>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {post.status === 'held' && (
          <Button size="small" type="primary" loading={busy === 'approve'} onClick={() => act('approve', () => boardApi.approve(post.id), '已通过，留言已发布')} data-testid="board-approve">
            审核通过
          </Button>
        )}
        {post.status !== 'hidden' && (
          <Button size="small" danger onClick={() => setAsk({ kind: 'hide' })} data-testid="board-hide">
            隐藏
          </Button>
        )}
        {post.status === 'hidden' && (
          <Button size="small" loading={busy === 'restore'} onClick={() => act('restore', () => boardApi.restore(post.id), '已恢复')}>
            恢复
          </Button>
        )}
        {!post.ticket && post.status !== 'hidden' && (
          <Space.Compact size="small">
            <Select size="small" placeholder="转工单类别" aria-label="转工单类别" style={{ width: 120 }} value={ticketCat} onChange={setTicketCat} options={TICKET_CATEGORIES.map((c) => ({ value: c, label: c }))} />
            <Button size="small" disabled={!ticketCat} loading={busy === 'ticket'} onClick={() => ticketCat && act('ticket', () => boardApi.toTicket(post.id, ticketCat), '已转为工单')} data-testid="board-to-ticket">
              转工单
            </Button>
          </Space.Compact>
        )}
      </Space>
      <PromptModal
        open={ask !== null}
        title={ask?.kind === 'hideReply' ? '隐藏这条回复' : '隐藏这条留言'}
        placeholder="隐藏原因（发帖居民可以看到）"
        onCancel={() => setAsk(null)}
        onOk={async (reason) => {
          const a = ask;
          setAsk(null);
          if (a?.kind === 'hide') await act('hide', () => boardApi.hide(post.id, reason), '已隐藏');
          if (a?.kind === 'hideReply') await act('hideReply', () => boardApi.hideReply(post.id, a.reply.id, reason), '回复已隐藏');
        }}
      />
    </Card>
  );
}
