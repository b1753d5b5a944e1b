// Reply to the resident (public) or leave an internal note for colleagues; canned replies fill the box.
import { useState } from 'react';
import { App, Button, Input, Segmented, Space, Tag } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import type { TicketDto } from '@linli/contracts';
import { ticketsApi } from '../../api/tickets';
import { errorMessage } from '../../lib/errors';

const CANNED = [
  '您好，已收到您的反映，我们会尽快安排处理。',
  '工作人员已在路上，预计 30 分钟内到达，请保持电话畅通。',
  '已联系物业维修师傅，今天下午上门处理。',
  '问题已处理完毕，如仍有问题请随时联系社区。',
];

export function ReplyBox({ ticket, onChanged }: { ticket: TicketDto; onChanged: (t: TicketDto) => void }) {
  const { message } = App.useApp();
  const [mode, setMode] = useState<'public' | 'internal'>('public');
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (!text.trim()) return;
    setSending(true);
    try {
      onChanged(await ticketsApi.comment(ticket.id, text.trim(), mode === 'internal'));
      setText('');
      message.success(mode === 'internal' ? '内部备注已保存' : '回复已发送给居民');
    } catch (e) {
      message.error(errorMessage(e, '发送失败'));
    } finally {
      setSending(false);
    }
  };

  return (
    <div data-testid="reply-box">
      <Segmented
        value={mode}
        onChange={(v) => setMode(v as 'public' | 'internal')}
        options={[
          { value: 'public', label: '公开回复（居民可见）' },
          { value: 'internal', label: '内部备注（仅工作人员）' },
        ]}
        style={{ marginBottom: 8 }}
      />
      {mode === 'public' && (
        <div style={{ marginBottom: 8 }}>
          {CANNED.map((c) => (
            <Tag key={c} style={{ cursor: 'pointer', marginBottom: 4 }} onClick={() => setText(c)}>
              {c.length > 16 ? `${c.slice(0, 16)}…` : c}
            </Tag>
          ))}
        </div>
      )}
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={3}
        maxLength={1000}
        placeholder={mode === 'internal' ? '仅社区工作人员可见，例如：已电话联系物业张经理' : '回复内容将通知到居民'}
        style={mode === 'internal' ? { background: '#fffbe6' } : undefined}
        data-testid="reply-input"
      />
      <Space style={{ marginTop: 8, justifyContent: 'flex-end', width: '100%' }}>
        <Button type="primary" icon={<SendOutlined />} loading={sending} disabled={!text.trim()} onClick={send} data-testid="reply-send">
          {mode === 'internal' ? '保存备注' : '发送回复'}
        </Button>
      </Space>
    </div>
  );
}
