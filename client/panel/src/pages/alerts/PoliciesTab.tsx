// 升级策略: per alert type, who is told at each step, by which channels, after how long, and how often it repeats; admins edit, others read.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Form, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import {
  ALERT_NOTIFY_CHANNEL_LABELS,
  ALERT_NOTIFY_CHANNELS,
  ALERT_TYPE_LABELS,
  ESCALATION_LEVEL_LABELS,
  ESCALATION_LEVELS,
  type EscalationPolicyDto,
  type EscalationPolicyInput,
} from '@linli/contracts';
import { policiesApi } from '../../api/alerts';
import { session } from '../../api/session';
import { errorMessage } from '../../lib/errors';

const minutes = (s: number) => (s % 60 ? `${s} 秒` : `${s / 60} 分钟`);

/** "网格员（短信、电话，含紧急联系人）→ 3 分钟 → 社区值班人员…" */
function describe(p: EscalationPolicyInput): string {
  const steps = p.steps.map((s, i) => {
    const how = s.channels.length ? s.channels.map((c) => ALERT_NOTIFY_CHANNEL_LABELS[c]).join('、') : '仅工作台';
    const who = `${ESCALATION_LEVEL_LABELS[s.level]}（${how}${s.contacts ? '，含紧急联系人' : ''}）`;
    return i < p.steps.length - 1 || p.repeat ? `${who} → ${minutes(s.waitSeconds)}未确认 →` : who;
  });
  return `${steps.join(' ')}${p.repeat ? ` 从头再来，最多重复 ${p.repeat} 轮` : ''}`;
}

export function PoliciesTab() {
  const { message, modal } = App.useApp();
  const isAdmin = session.user()?.roles.includes('admin') ?? false;
  const [items, setItems] = useState<EscalationPolicyDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<EscalationPolicyDto | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ steps: Array<{ level: string; channels: string[]; contacts: boolean; waitMinutes: number }>; repeat: number }>();

  const load = () => policiesApi.list().then((r) => setItems(r.items), (e) => setError(errorMessage(e)));
  useEffect(() => void load(), []);

  const edit = (p: EscalationPolicyDto) => {
    setEditing(p);
    form.setFieldsValue({ repeat: p.repeat, steps: p.steps.map((s) => ({ level: s.level, channels: s.channels, contacts: s.contacts, waitMinutes: s.waitSeconds / 60 })) });
  };
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const body = {
        repeat: v.repeat,
        steps: v.steps.map((s) => ({ level: s.level, channels: s.channels, contacts: !!s.contacts, waitSeconds: Math.round(s.waitMinutes * 60) })),
      } as EscalationPolicyInput;
      await policiesApi.save(editing!.type, body);
      message.success('已保存，新的预警按此策略通知');
      setEditing(null);
      await load();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const reset = (p: EscalationPolicyDto) =>
    modal.confirm({
      title: `恢复「${ALERT_TYPE_LABELS[p.type]}」的默认策略？`,
      okText: '恢复默认',
      cancelText: '取消',
      onOk: async () => {
        await policiesApi.reset(p.type);
        message.success('已恢复默认策略');
        await load();
      },
    });

  return (
    <div data-testid="policies">
      <Typography.Paragraph type="secondary">
        预警发生后按步骤通知，任何人确认即停止后续通知；工作台始终实时提示。修改只影响之后发生的预警。
      </Typography.Paragraph>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Table<EscalationPolicyDto>
        size="small"
        rowKey="type"
        pagination={false}
        dataSource={items}
        columns={[
          { title: '预警类型', render: (_, p) => ALERT_TYPE_LABELS[p.type], width: 120 },
          { title: '通知步骤', render: (_, p) => describe(p) },
          { title: '', width: 80, render: (_, p) => (p.isDefault ? <Tag>默认</Tag> : <Tag color="blue">已自定义</Tag>) },
          ...(isAdmin
            ? [
                {
                  title: '操作',
                  width: 150,
                  render: (_: unknown, p: EscalationPolicyDto) => (
                    <Space>
                      <Button size="small" onClick={() => edit(p)} aria-label={`编辑${ALERT_TYPE_LABELS[p.type]}的升级策略`}>
                        编辑
                      </Button>
                      {!p.isDefault && (
                        <Button size="small" type="link" onClick={() => reset(p)}>
                          恢复默认
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={editing ? `升级策略 · ${ALERT_TYPE_LABELS[editing.type]}` : ''}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={save}
        onCancel={() => setEditing(null)}
        width={720}
        destroyOnClose
      >
        <Form form={form} layout="vertical">
          <Form.List name="steps">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 8 }} data-testid="policy-step">
                    <Typography.Text strong>第 {i + 1} 步</Typography.Text>
                    <Form.Item name={[f.name, 'level']} rules={[{ required: true, message: '请选择通知对象' }]} noStyle>
                      <Select aria-label={`第 ${i + 1} 步通知对象`} style={{ width: 140 }} options={ESCALATION_LEVELS.map((l) => ({ value: l, label: ESCALATION_LEVEL_LABELS[l] }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'channels']} noStyle>
                      <Checkbox.Group options={ALERT_NOTIFY_CHANNELS.map((c) => ({ value: c, label: ALERT_NOTIFY_CHANNEL_LABELS[c] }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'contacts']} valuePropName="checked" noStyle>
                      <Checkbox>通知紧急联系人</Checkbox>
                    </Form.Item>
                    <Form.Item name={[f.name, 'waitMinutes']} rules={[{ required: true, message: '请填写等待时间' }]} noStyle>
                      <InputNumber aria-label={`第 ${i + 1} 步等待分钟数`} min={0.5} max={1440} step={0.5} addonAfter="分钟未确认则下一步" />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button type="link" danger onClick={() => remove(f.name)}>
                        删除
                      </Button>
                    )}
                  </Space>
                ))}
                {fields.length < 6 && (
                  <Button onClick={() => add({ level: 'duty', channels: ['sms'], contacts: false, waitMinutes: 3 })}>添加步骤</Button>
                )}
              </>
            )}
          </Form.List>
          <Form.Item name="repeat" label="全部步骤后仍无人确认，从第 1 步重复的轮数" style={{ marginTop: 16 }}>
            <InputNumber aria-label="重复轮数" min={0} max={5} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
