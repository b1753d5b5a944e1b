// 发布广播: text read by TTS (heard in a preview before publishing) or a recorded 喊话, zones, repeats, urgent, optional play times.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { AudioOutlined, SoundOutlined, StopOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { BROADCAST_MAX_TEXT, type BroadcastPreviewDto, type BroadcastSettingsDto, type BroadcastZones } from '@linli/contracts';
import { broadcastApi } from '../../api/broadcast';
import { useCommunity } from '../../api/community';
import { errorMessage } from '../../lib/errors';

interface Values {
  text?: string;
  all: boolean;
  buildings?: string[];
  repeat: number;
  urgent: boolean;
  times?: Dayjs[];
}

/** The longest 喊话 the browser records before stopping on its own. */
const MAX_RECORDING_MS = 60_000;

export function BroadcastComposer({ onPublished }: { onPublished: () => void }) {
  const { message } = App.useApp();
  const community = useCommunity();
  const [form] = Form.useForm<Values>();
  const text = Form.useWatch('text', form) ?? '';
  const all = Form.useWatch('all', form);
  const [preview, setPreview] = useState<(BroadcastPreviewDto & { text: string }) | null>(null);
  const [recording, setRecording] = useState<{ blob: Blob; url: string } | null>(null);
  const [recorder, setRecorder] = useState<MediaRecorder | null>(null);
  const [busy, setBusy] = useState<'preview' | 'publish' | null>(null);
  const stopTimer = useRef<number>();
  const [settings, setSettings] = useState<BroadcastSettingsDto | null>(null);

  useEffect(() => {
    void broadcastApi.settings().then(setSettings).catch(() => undefined);
    return () => window.clearTimeout(stopTimer.current);
  }, []);

  const zones = (v: Values): BroadcastZones | null => (v.all ? { all: true } : v.buildings?.length ? { buildings: v.buildings } : null);

  const doPreview = async () => {
    if (!text.trim()) return void message.warning('请先填写广播内容');
    setBusy('preview');
    try {
      setPreview({ ...(await broadcastApi.preview(text.trim())), text: text.trim() });
    } catch (e) {
      message.error(errorMessage(e, '试听生成失败'));
    } finally {
      setBusy(null);
    }
  };

  const record = async () => {
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') return void message.error('当前浏览器不支持录音');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const rec = new MediaRecorder(stream);
      const chunks: Blob[] = [];
      rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
      rec.onstop = () => {
        stream.getTracks().forEach((t) => t.stop());
        const blob = new Blob(chunks, { type: rec.mimeType || 'audio/webm' });
        setRecording({ blob, url: URL.createObjectURL(blob) });
        setRecorder(null);
      };
      rec.start();
      setRecorder(rec);
      stopTimer.current = window.setTimeout(() => rec.state === 'recording' && rec.stop(), MAX_RECORDING_MS);
    } catch {
      message.error('无法使用麦克风，请检查浏览器权限');
    }
  };

  const publish = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const z = zones(v);
    if (!z) return void message.warning('请选择广播区域');
    if (!v.text?.trim() && !recording) return void message.warning('请填写广播内容或录制喊话');
    setBusy('publish');
    try {
      let audioId: string | undefined;
      if (recording && !v.text?.trim()) audioId = (await broadcastApi.upload(recording.blob)).id;
      // The previewed audio is what plays, as long as the text is still the one heard.
      else if (preview && preview.text === v.text?.trim()) audioId = preview.audioId;
      const b = await broadcastApi.create({
        ...(v.text?.trim() ? { text: v.text.trim() } : {}),
        ...(audioId ? { audioId } : {}),
        zones: z,
        repeat: v.repeat,
        urgent: v.urgent,
        ...(v.times?.length ? { times: v.times.map((t) => t.toISOString()) } : {}),
      });
      message.success(b.plays.length > 1 || v.times?.length ? `已安排 ${b.plays.length} 次播放` : `已下发到 ${b.zoneLabel} 的音柱`);
      form.resetFields();
      setPreview(null);
      setRecording(null);
      onPublished();
    } catch (e) {
      message.error(errorMessage(e, '发布失败'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title="发布广播" data-testid="broadcast-composer">
      <Form form={form} layout="vertical" initialValues={{ all: false, repeat: 1, urgent: false }}>
        <Form.Item name="text" label="广播内容（由语音合成朗读）" rules={[{ max: BROADCAST_MAX_TEXT, message: `内容不能超过 ${BROADCAST_MAX_TEXT} 个字` }]}>
          <Input.TextArea rows={3} showCount maxLength={BROADCAST_MAX_TEXT} placeholder="例：明天上午8点到12点3号楼停水，请提前储水" data-testid="broadcast-text" />
        </Form.Item>
        <Space wrap style={{ marginBottom: 12 }}>
          <Button icon={<SoundOutlined />} onClick={doPreview} loading={busy === 'preview'} data-testid="broadcast-preview">
            试听
          </Button>
          {preview && preview.text === text.trim() && (
            <audio controls src={preview.url} data-testid="broadcast-preview-audio" style={{ height: 32, verticalAlign: 'middle' }} />
          )}
          {preview && preview.text !== text.trim() && <Tag color="warning">内容已修改，请重新试听</Tag>}
        </Space>
        <Space wrap style={{ marginBottom: 12 }}>
          {recorder ? (
            <Button danger icon={<StopOutlined />} onClick={() => recorder.stop()}>
              停止录音
            </Button>
          ) : (
            <Button icon={<AudioOutlined />} onClick={record} data-testid="broadcast-record">
              现场喊话（录音）
            </Button>
          )}
          {recording && <audio controls src={recording.url} style={{ height: 32, verticalAlign: 'middle' }} />}
          {recording && <Typography.Text type="secondary">{text.trim() ? '已填写文字时播放文字内容' : '将播放这段录音'}</Typography.Text>}
        </Space>
        <Space wrap align="start">
          <Form.Item name="all" valuePropName="checked" label="区域">
            <Checkbox data-testid="broadcast-all">全小区</Checkbox>
          </Form.Item>
          {!all && (
            <Form.Item name="buildings" label="楼栋" style={{ minWidth: 260 }}>
              <Select mode="multiple" placeholder="选择楼栋" options={(community?.buildings ?? []).map((b) => ({ value: b, label: b }))} data-testid="broadcast-buildings" />
            </Form.Item>
          )}
          <Form.Item name="repeat" label="播放遍数">
            <InputNumber min={1} max={5} />
          </Form.Item>
          <Form.Item name="urgent" valuePropName="checked" label="紧急（静音时段也播放、插播）">
            <Switch />
          </Form.Item>
          <Form.Item name="times" label="定时播放（可多个，不选则立即）">
            <DatePicker multiple showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" style={{ minWidth: 260 }} />
          </Form.Item>
        </Space>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`静音时段 ${settings?.quietHours.replace('-', '–') ?? '22:00–07:00'}：非紧急广播顺延到静音结束后播放；同一音柱的广播排队依次播放，不会互相重叠。`}
        />
        {settings && !settings.tts && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="未配置语音合成（腾讯云密钥），文字广播无法播报，请使用现场喊话录音。" />}
        <Button type="primary" onClick={publish} loading={busy === 'publish'} data-testid="broadcast-publish">
          发布广播
        </Button>
      </Form>
    </Card>
  );
}
