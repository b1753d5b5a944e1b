// 群聊模拟: speak in the bot's simulated community group as a resident (text or a voice clip) and watch the bot answer.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Input, Space, Tag, Typography, Upload } from 'antd';
import { AudioOutlined, SendOutlined } from '@ant-design/icons';
import type { BotDemoMessage } from '@linli/contracts';
import { botDemoApi } from '../../api/bot-demo';
import { GroupInfo } from './GroupInfo';
import { errorMessage } from '../../lib/errors';

const RESIDENTS = ['王奶奶', '李大爷', '张阿姨'];
const EXAMPLES = ['3号楼电梯又坏了', '@社区小助手 医保怎么缴费？', '报修 5号楼门口路灯不亮', '我的工单', '平安', '绑定 123456'];
const POLL_MS = 1500;

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

export function GroupSimPage() {
  const [messages, setMessages] = useState<BotDemoMessage[]>([]);
  const [name, setName] = useState(RESIDENTS[0]!);
  const [text, setText] = useState('');
  const [privateChat, setPrivateChat] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const since = useRef(0);
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const r = await botDemoApi.messages(since.current);
        if (r.items.length) {
          since.current = Math.max(since.current, ...r.items.map((m) => Date.parse(m.at)));
          setMessages((prev) => [...prev, ...r.items].slice(-300));
        }
        setError(null);
      } catch (e) {
        setError(errorMessage(e, '群聊模拟暂时不可用'));
      }
      if (!stopped) timer = window.setTimeout(poll, POLL_MS);
    };
    let timer = window.setTimeout(poll, 0);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);

  const send = async (payload: { text?: string; voiceBase64?: string }) => {
    setSending(true);
    try {
      await botDemoApi.say({ name, private: privateChat, ...payload });
      setError(null);
      if (payload.text) setText('');
    } catch (e) {
      setError(errorMessage(e, '发送失败'));
    } finally {
      setSending(false);
    }
  };

  return (
    <div data-testid="group-sim">
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        群聊模拟
      </Typography.Title>
      <Typography.Text type="secondary">
        以居民身份在「北门社区居民群」里说话（文字或语音），看社区小助手如何登记工单、回答问题、推送进展。演示模式下可用。
      </Typography.Text>
      <GroupInfo />
      {error && <Alert type="warning" showIcon message={error} />}
      <Card size="small" bodyStyle={{ height: 420, overflowY: 'auto', background: '#f5f5f5' }}>
        {messages.length === 0 ? (
          <Empty description="群里还没有消息" />
        ) : (
          messages.map((m, i) => (
            <div key={`${m.at}-${i}`} style={{ display: 'flex', justifyContent: m.bot ? 'flex-start' : 'flex-end', margin: '8px 0' }} data-testid="sim-message">
              <div style={{ maxWidth: '70%' }}>
                <div style={{ fontSize: 12, color: '#888', textAlign: m.bot ? 'left' : 'right' }}>
                  {m.from} {m.room ? <Tag>{m.room}</Tag> : <Tag color="purple">私聊</Tag>} {new Date(m.at).toLocaleTimeString('zh-CN')}
                </div>
                <div
                  style={{
                    background: m.bot ? '#fff' : '#95ec69',
                    borderRadius: 6,
                    padding: '8px 12px',
                    whiteSpace: 'pre-wrap',
                    wordBreak: 'break-word',
                  }}
                >
                  {m.text}
                </div>
              </div>
            </div>
          ))
        )}
        <div ref={bottom} />
      </Card>
      <Space wrap>
        <span>以</span>
        <Input aria-label="发言人称呼" style={{ width: 120 }} value={name} onChange={(e) => setName(e.target.value)} maxLength={40} data-testid="sim-name" />
        {RESIDENTS.map((r) => (
          <Tag key={r} color={r === name ? 'green' : undefined} style={{ cursor: 'pointer' }} onClick={() => setName(r)}>
            {r}
          </Tag>
        ))}
        <span>的身份</span>
        <Checkbox checked={privateChat} onChange={(e) => setPrivateChat(e.target.checked)}>
          私聊机器人
        </Checkbox>
      </Space>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => text.trim() && void send({ text: text.trim() })}
          placeholder="例如：@社区小助手 3号楼电梯又坏了"
          maxLength={500}
          data-testid="sim-input"
        />
        <Button type="primary" icon={<SendOutlined />} loading={sending} disabled={!text.trim() || !name.trim()} onClick={() => void send({ text: text.trim() })} data-testid="sim-send">
          发送
        </Button>
        <Upload
          accept=".sil,.silk,.mp3,audio/*"
          showUploadList={false}
          beforeUpload={(file) => {
            void readBase64(file).then((voiceBase64) => send({ voiceBase64 }));
            return false;
          }}
        >
          <Button icon={<AudioOutlined />}>发语音</Button>
        </Upload>
      </Space.Compact>
      <Space wrap>
        <span>试试：</span>
        {EXAMPLES.map((e) => (
          <Tag key={e} style={{ cursor: 'pointer' }} onClick={() => setText(e)}>
            {e}
          </Tag>
        ))}
      </Space>
    </Space>
    </div>
  );
}
