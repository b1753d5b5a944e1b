// Plays a voice report from the group bot and shows its transcript, or lets staff write one while it is 待转写.
import { useState } from 'react';
import { App, Button, Input, Space, Tag, Typography } from 'antd';
import { AudioOutlined } from '@ant-design/icons';
import type { TicketDto } from '@linli/contracts';
import { ticketsApi } from '../../api/tickets';
import { errorMessage } from '../../lib/errors';

export function VoicePlayer({ ticket, onChanged }: { ticket: TicketDto; onChanged: (t: TicketDto) => void }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const audio = ticket.audio;
  if (!audio) return null;

  const save = async () => {
    try {
      onChanged(await ticketsApi.transcript(ticket.id, text.trim()));
      setEditing(false);
      message.success('转写已保存');
    } catch (e) {
      message.error(errorMessage(e, '保存失败'));
    }
  };

  return (
    <div data-testid="voice-player" style={{ background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 8, padding: 12 }}>
      <Space style={{ marginBottom: 8 }}>
        <AudioOutlined style={{ color: '#389e0d' }} />
        <Typography.Text strong>语音报事</Typography.Text>
        {audio.durationMs !== undefined && <Typography.Text type="secondary">{Math.round(audio.durationMs / 1000)} 秒</Typography.Text>}
      </Space>
      <audio controls preload="none" src={audio.url} style={{ width: '100%', height: 36 }} />
      <div style={{ marginTop: 8 }}>
        {audio.transcript ? (
          <Typography.Paragraph style={{ margin: 0 }} data-testid="voice-transcript">
            <Tag color="green">转写</Tag>
            {audio.transcript}
          </Typography.Paragraph>
        ) : editing ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input value={text} onChange={(e) => setText(e.target.value)} placeholder="听写语音内容" maxLength={2000} />
            <Button type="primary" onClick={save} disabled={!text.trim()}>
              保存
            </Button>
          </Space.Compact>
        ) : (
          <Space>
            <Tag color="orange" data-testid="voice-pending">
              待转写
            </Tag>
            <Button size="small" type="link" onClick={() => setEditing(true)}>
              人工听写
            </Button>
          </Space>
        )}
      </div>
    </div>
  );
}
