// 发布通知: title, category, Markdown body with live preview, audience with reach count, channels, schedule, door-knock list time.
import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { DEFAULT_DOOR_KNOCK_MINUTES, NOTICE_CATEGORIES, NOTICE_CHANNEL_LABELS, NOTICE_CHANNELS, type NoticeAudience, type NoticeCategory, type NoticeChannel } from '@linli/contracts';
import { noticesApi } from '../../api/notices';
import { renderMarkdown } from '../../lib/markdown';
import { AudienceBuilder } from './AudienceBuilder';
import { CheckboxGroupField } from '../../components/CheckboxGroupField';
import { errorMessage } from '../../lib/errors';

interface Values {
  title: string;
  category: NoticeCategory;
  body: string;
  channels: NoticeChannel[];
  publishAt?: Dayjs | null;
  expiresAt?: Dayjs | null;
  pinned: boolean;
  doorKnockAfterMinutes?: number | null;
}

export function NoticeComposerPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const body = Form.useWatch('body', form) ?? '';
  const publishAt = Form.useWatch('publishAt', form);
  const category = Form.useWatch('category', form);
  const [audience, setAudience] = useState<NoticeAudience | null>({ all: true });
  const [reach, setReach] = useState<number | null>(null);
  const [saving, setSaving] = useState<'send' | 'draft' | null>(null);

  const submit = async (draft: boolean) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (!audience) return void message.warning('请选择通知对象');
    setSaving(draft ? 'draft' : 'send');
    try {
      const n = await noticesApi.create({
        title: v.title,
        category: v.category,
        body: v.body,
        audience,
        channels: v.channels,
        pinned: v.pinned,
        publishAt: v.publishAt ? v.publishAt.toISOString() : undefined,
        expiresAt: v.expiresAt ? v.expiresAt.toISOString() : undefined,
        draft: draft || undefined,
        ...(v.doorKnockAfterMinutes ? { doorKnockAfterMinutes: v.doorKnockAfterMinutes } : {}),
      });
      message.success(draft ? '已存为草稿' : n.status === 'scheduled' ? '已定时，到时自动发布' : `已发布，触达 ${n.recipientCount ?? reach ?? 0} 人`);
      navigate('/notices');
    } catch (e) {
      message.error(errorMessage(e, '发布失败'));
    } finally {
      setSaving(null);
    }
  };

  return (
    <div data-testid="notice-composer">
      <div className="page-title">
        <h2>发布通知</h2>
        <Space>
          <Button onClick={() => navigate('/notices')}>取消</Button>
          <Button loading={saving === 'draft'} onClick={() => submit(true)}>
            存草稿
          </Button>
          <Button type="primary" loading={saving === 'send'} onClick={() => submit(false)} data-testid="notice-send">
            {publishAt ? '定时发布' : '立即发布'}
          </Button>
        </Space>
      </div>
      <Form form={form} layout="vertical" initialValues={{ category: '通知', channels: ['feed', 'push'], pinned: false, body: '' }}>
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card>
              <Row gutter={12}>
                <Col span={16}>
                  <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
                    <Input maxLength={60} showCount placeholder="例如：3号楼周六上午停水通知" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="category" label="类别">
                    <Select options={NOTICE_CATEGORIES.map((c) => ({ value: c, label: c }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="body" label="正文（支持 Markdown）" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}>
                <Input.TextArea rows={12} maxLength={10000} placeholder={'**停水时间**：周六 8:00-12:00\n\n请提前储水。'} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
              <Form.Item label="通知对象">
                <AudienceBuilder onChange={(a, c) => { setAudience(a); setReach(c); }} />
              </Form.Item>
              <Form.Item name="channels" label="发布渠道" rules={[{ required: true, message: '请至少选择一个渠道' }]}>
                <CheckboxGroupField label="发布渠道" options={NOTICE_CHANNELS.map((c) => ({ value: c, label: NOTICE_CHANNEL_LABELS[c] }))} />
              </Form.Item>
              <Row gutter={12}>
                <Col span={9}>
                  <Form.Item name="publishAt" label="定时发布（留空立即发布）">
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={9}>
                  <Form.Item name="expiresAt" label="过期时间">
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name="pinned" label="置顶" valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="doorKnockAfterMinutes"
                label="上门名单（分钟后仍未读的住户交给网格员上门或电话告知）"
                extra={category === '紧急' ? `紧急通知默认 ${DEFAULT_DOOR_KNOCK_MINUTES} 分钟后生成` : '留空则不生成上门名单'}
              >
                <InputNumber min={1} max={7 * 24 * 60} precision={0} addonAfter="分钟" placeholder={category === '紧急' ? String(DEFAULT_DOOR_KNOCK_MINUTES) : '不生成'} data-testid="notice-door-knock-minutes" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title="预览" data-testid="notice-preview">
              <h3 style={{ marginTop: 0 }}>{Form.useWatch('title', form) || '（标题）'}</h3>
              <div className="notice-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(body || '（正文）') }} />
            </Card>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
