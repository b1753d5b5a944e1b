// 智慧广播: compose (TTS preview or 喊话), the broadcasts with their ledgers (alert announcements waiting for one tap first), the speakers and their online state, and the admin's auto-announce types.
import { useCallback, useEffect, useState } from 'react';
import { App, Badge, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import {
  ALERT_TYPE_LABELS,
  BROADCAST_SOURCE_LABELS,
  BROADCAST_STATUS_LABELS,
  PUBLIC_SAFETY_TYPES,
  type AlertType,
  type BroadcastDto,
  type SpeakerDto,
} from '@linli/contracts';
import { broadcastApi } from '../../api/broadcast';
import { useCommunity } from '../../api/community';
import { session } from '../../api/session';
import { errorMessage } from '../../lib/errors';
import { fmtTime, fromNow } from '../../lib/time';
import { BroadcastComposer } from './BroadcastComposer';
import { BroadcastLedger } from './BroadcastLedger';

const REFRESH_MS = 3000;

function usePolled<T>(load: () => Promise<T>, deps: unknown[]): [T | null, () => void] {
  const [v, setV] = useState<T | null>(null);
  const reload = useCallback(() => void load().then(setV).catch(() => undefined), deps);
  useEffect(() => {
    reload();
    const t = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(t);
  }, [reload]);
  return [v, reload];
}

function BroadcastsTab() {
  const { message } = App.useApp();
  const [list, reload] = usePolled(() => broadcastApi.list().then((r) => r.items), []);
  const [open, setOpen] = useState<string | null>(null);
  const pending = (list ?? []).filter((b) => b.status === 'pending');
  const confirm = async (b: BroadcastDto) => {
    try {
      await broadcastApi.confirm(b.id);
      message.success('已确认，正在播报');
      reload();
      setOpen(b.id);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {pending.length > 0 && (
        <Card title="待确认的告警播报" size="small" data-testid="broadcast-pending">
          {pending.map((b) => (
            <Space key={b.id} style={{ display: 'flex', justifyContent: 'space-between', padding: '6px 0' }}>
              <span>
                {b.urgent && <Tag color="red">紧急</Tag>}
                <Typography.Text>{b.text}</Typography.Text> <Typography.Text type="secondary">（{b.zoneLabel}）</Typography.Text>
              </span>
              <Space>
                <Button type="primary" danger onClick={() => confirm(b)}>
                  一键播报
                </Button>
                <Button onClick={() => setOpen(b.id)}>详情</Button>
              </Space>
            </Space>
          ))}
        </Card>
      )}
      <BroadcastComposer onPublished={reload} />
      <Card title="广播记录">
        <Table
          size="small"
          rowKey="id"
          loading={list === null}
          dataSource={list ?? []}
          pagination={{ pageSize: 10 }}
          data-testid="broadcast-list"
          onRow={(b) => ({ onClick: () => setOpen(b.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '内容', render: (_, b) => <Typography.Text ellipsis style={{ maxWidth: 360 }}>{b.text || '（现场喊话）'}</Typography.Text> },
            { title: '来源', render: (_, b) => BROADCAST_SOURCE_LABELS[b.source] },
            { title: '区域', render: (_, b) => b.zoneLabel },
            {
              title: '状态',
              render: (_, b) => (
                <Space size={4}>
                  <Tag color={b.status === 'pending' ? 'red' : b.status === 'done' ? 'green' : b.status === 'cancelled' ? 'default' : 'blue'}>{BROADCAST_STATUS_LABELS[b.status]}</Tag>
                  {b.plays.some((p) => p.status === 'held') && <Tag color="purple">静音顺延</Tag>}
                  {b.urgent && <Tag color="red">紧急</Tag>}
                </Space>
              ),
            },
            { title: '播放时间', render: (_, b) => b.plays.map((p) => fmtTime(p.heldUntil ?? p.at)).join('、') },
            { title: '发布', render: (_, b) => `${b.createdBy?.name ?? ''} ${fmtTime(b.createdAt)}` },
          ]}
        />
      </Card>
      <BroadcastLedger id={open} onClose={() => setOpen(null)} onChanged={reload} />
    </Space>
  );
}

function SpeakersTab() {
  const { message, modal } = App.useApp();
  const community = useCommunity();
  const [speakers, reload] = usePolled(() => broadcastApi.speakers().then((r) => r.items), []);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ name: string; zones?: string[] }>();
  const add = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const r = await broadcastApi.addSpeaker(v.name, v.zones ?? []);
      setAdding(false);
      form.resetFields();
      reload();
      modal.success({
        title: '音柱已登记',
        content: (
          <div>
            <p>音柱用设备编号和密钥登录 MQTT（密钥只显示这一次）：</p>
            <p>
              设备编号 <Typography.Text copyable>{r.id}</Typography.Text>
            </p>
            <p>
              密钥 <Typography.Text copyable>{r.key}</Typography.Text>
            </p>
          </div>
        ),
      });
    } catch (e) {
      message.error(errorMessage(e, '登记失败'));
    }
  };
  return (
    <Card
      title="广播音柱"
      extra={
        <Button type="primary" onClick={() => setAdding(true)}>
          登记音柱
        </Button>
      }
    >
      <Table<SpeakerDto>
        size="small"
        rowKey="id"
        loading={speakers === null}
        dataSource={speakers ?? []}
        pagination={false}
        data-testid="speaker-list"
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '覆盖区域', render: (_, s) => s.zoneLabel },
          {
            title: '状态',
            render: (_, s) =>
              !s.enabled ? <Badge status="default" text="已停用" /> : s.online ? <Badge status="success" text="在线" /> : <Badge status="error" text="离线" />,
          },
          { title: '最近联系', render: (_, s) => (s.lastSeenAt ? fromNow(s.lastSeenAt) : '—') },
          {
            title: '操作',
            render: (_, s) => (
              <Button
                size="small"
                onClick={() =>
                  broadcastApi
                    .setSpeakerEnabled(s.id, !s.enabled)
                    .then(() => (message.success(s.enabled ? '已停用，不再向它下发广播' : '已启用'), reload()))
                    .catch((e) => message.error(errorMessage(e)))
                }
              >
                {s.enabled ? '停用' : '启用'}
              </Button>
            ),
          },
        ]}
      />
      <Modal open={adding} title="登记广播音柱" onCancel={() => setAdding(false)} onOk={add} okText="登记">
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }, { max: 40 }]}>
            <Input placeholder="例：3号楼楼前广播音柱" />
          </Form.Item>
          <Form.Item name="zones" label="覆盖楼栋（不选 = 只播全小区广播，如北门）">
            <Select mode="multiple" options={(community?.buildings ?? []).map((b) => ({ value: b, label: b }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function SettingsTab() {
  const { message } = App.useApp();
  const [types, setTypes] = useState<AlertType[] | null>(null);
  const admin = session.user()?.roles.includes('admin') ?? false;
  useEffect(() => void broadcastApi.settings().then((s) => setTypes(s.autoAlertTypes)).catch(() => undefined), []);
  const save = async () => {
    try {
      await broadcastApi.saveSettings({ autoAlertTypes: types ?? [] });
      message.success('已保存');
    } catch (e) {
      message.error(errorMessage(e, '保存失败'));
    }
  };
  return (
    <Card title="告警自动播报">
      <Typography.Paragraph type="secondary">
        公共安全告警（消防通道占用、烟雾、水浸、垃圾满溢）会在所在楼栋的音柱播报：勾选的类型自动播报，其余类型等工作人员一键确认后播报。一键呼救、跌倒、心率异常、未平安打卡等个人告警绝不在音柱播报。
      </Typography.Paragraph>
      <Checkbox.Group
        disabled={!admin || types === null}
        value={types ?? []}
        onChange={(v) => setTypes(v as AlertType[])}
        options={PUBLIC_SAFETY_TYPES.map((t) => ({ value: t, label: ALERT_TYPE_LABELS[t] }))}
      />
      <div style={{ marginTop: 12 }}>
        {admin ? (
          <Button type="primary" onClick={save}>
            保存
          </Button>
        ) : (
          <Typography.Text type="secondary">仅管理员可修改</Typography.Text>
        )}
      </div>
    </Card>
  );
}

export function BroadcastPage() {
  return (
    <div data-testid="broadcast-page">
      <div className="page-title">
        <h2>智慧广播</h2>
      </div>
      <Tabs
        items={[
          { key: 'broadcasts', label: '广播', children: <BroadcastsTab /> },
          { key: 'speakers', label: '音柱', children: <SpeakersTab /> },
          { key: 'settings', label: '告警播报', children: <SettingsTab /> },
        ]}
      />
    </div>
  );
}
