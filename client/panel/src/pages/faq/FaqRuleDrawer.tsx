// Create or edit one auto-reply rule: keywords and/or a safe pattern, answer, priority; preview a question against it.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import type { FaqRuleCreate, FaqRuleDto } from '@linli/contracts';
import { faqApi } from '../../api/faq';
import { errorMessage } from '../../lib/errors';

interface Props {
  open: boolean;
  rule: FaqRuleDto | null;
  onClose: () => void;
  onSaved: (r: FaqRuleDto) => void;
}

export function FaqRuleDrawer({ open, rule, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FaqRuleCreate>();
  const [sample, setSample] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setPreview(null);
    if (rule) form.setFieldsValue({ ...rule } as never);
  }, [open, rule, form]);

  const condition = () => {
    const v = form.getFieldsValue();
    return { keywords: v.keywords?.length ? v.keywords : undefined, pattern: v.pattern?.trim() || undefined };
  };

  const tryIt = async () => {
    try {
      const r = await faqApi.test({ ...condition(), text: sample });
      setPreview(r.matched ? `✓ 会回答（匹配度 ${r.score}）` : '✗ 不会回答');
    } catch (e) {
      setPreview(errorMessage(e, '试算失败'));
    }
  };

  const save = async (v: FaqRuleCreate) => {
    setSaving(true);
    try {
      const c = condition();
      const saved = rule
        ? await faqApi.update(rule.id, { title: v.title?.trim() || null, keywords: c.keywords ?? null, pattern: c.pattern ?? null, answer: v.answer, priority: v.priority, enabled: v.enabled })
        : await faqApi.create({ ...v, ...c, title: v.title?.trim() || undefined });
      message.success('规则已保存');
      onSaved(saved);
    } catch (e) {
      message.error(errorMessage(e, '保存失败'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      width={520}
      title={rule ? '编辑自动回复' : '新建自动回复'}
      onClose={onClose}
      forceRender
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="faq-save">
          保存
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ priority: 0, enabled: true, keywords: [] }}>
        <Form.Item name="title" label="标题">
          <Input maxLength={60} placeholder="例如：医保缴费" />
        </Form.Item>
        <Form.Item name="keywords" label="关键词" extra="任一关键词出现即匹配；回车添加">
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} placeholder="医保、社保" />
        </Form.Item>
        <Form.Item
          name="pattern"
          label="匹配模式（选填）"
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              空格 = 且，| = 或，-词 = 不含，* = 中间任意，括号分组。例：(医保|社保) 缴费 -退休
            </Typography.Text>
          }
        >
          <Input maxLength={300} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="answer" label="回复内容" rules={[{ required: true, whitespace: true, message: '请填写回复内容' }]}>
          <Input.TextArea rows={6} maxLength={2000} showCount />
        </Form.Item>
        <Space size={32}>
          <Form.Item name="priority" label="优先级">
            <InputNumber min={0} max={1000} />
          </Form.Item>
          <Form.Item name="enabled" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
      <Alert
        type="info"
        message="试一试这条规则"
        description={
          <Space.Compact style={{ width: '100%' }}>
            <Input value={sample} onChange={(e) => setSample(e.target.value)} placeholder="居民可能会说的话" />
            <Button onClick={tryIt} disabled={!sample.trim()}>
              试算
            </Button>
          </Space.Compact>
        }
      />
      {preview && <Typography.Paragraph style={{ marginTop: 8 }}>{preview}</Typography.Paragraph>}
    </Drawer>
  );
}
