// Devices: list with last sign of life, add a device, rotate its key (shown once), enable/disable.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { DEVICE_KINDS, DEVICE_KIND_LABELS, type DeviceCreate, type DeviceDto, type DeviceKeyDto, type ResidentDto } from '@linli/contracts';
import { devicesApi } from '../../api/alerts';
import { useCommunity } from '../../api/community';
import { residentsApi } from '../../api/residents';
import { fmtDateTime, fromNow } from '../../lib/time';
import { IngestStats } from './IngestStats';
import { errorMessage } from '../../lib/errors';

export function DevicesTab() {
  const { message, modal } = App.useApp();
  const community = useCommunity();
  const [items, setItems] = useState<DeviceDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  const [wearers, setWearers] = useState<ResidentDto[]>([]);
  const [form] = Form.useForm<DeviceCreate & { building?: string; place?: string }>();
  const kind = Form.useWatch('kind', form);
  const fail = (e: unknown) => message.error(errorMessage(e));
  const put = (d: DeviceDto) => setItems((l) => (l.some((x) => x.id === d.id) ? l.map((x) => (x.id === d.id ? d : x)) : [d, ...l]));

  useEffect(() => {
    devicesApi.list().then((p) => setItems(p.items), fail).finally(() => setLoading(false));
    // Runs once on mount / when the serialised filter changes; handlers read the latest values through refs.
  }, []);

  const showKey = (k: DeviceKeyDto, title: string) =>
    modal.info({
      title,
      width: 560,
      content: (
        <div>
          <Alert type="warning" showIcon message="密钥只显示这一次，请立即配置到设备上" style={{ marginBottom: 12 }} />
          <div>设备编号：<Typography.Text copyable code>{k.id}</Typography.Text></div>
          <div style={{ marginTop: 8 }}>
            设备密钥：<Typography.Text copyable code data-testid="device-key">{k.key}</Typography.Text>
          </div>
        </div>
      ),
    });

  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const k = await devicesApi.create({
        kind: v.kind,
        name: v.name,
        location: { building: v.building || undefined, text: v.place?.trim() || undefined },
        wearerResidentId: v.kind === 'wristband' ? v.wearerResidentId : undefined,
      });
      put(k.device);
      setAdding(false);
      form.resetFields();
      showKey(k, '设备已添加');
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div>
      <IngestStats />
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          添加设备
        </Button>
      </Space>
      <Table<DeviceDto>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: DeviceDto['kind']) => DEVICE_KIND_LABELS[k] },
          { title: '位置 / 佩戴人', render: (_, d) => d.wearerName ?? ([d.location.building, d.location.text].filter(Boolean).join(' ') || '—') },
          { title: '最近上报', render: (_, d) => (d.lastSeenAt ? fromNow(d.lastSeenAt) : '从未') },
          { title: '密钥更新', render: (_, d) => fmtDateTime(d.keyRotatedAt) },
          { title: '状态', render: (_, d) => (d.enabled ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          {
            title: '',
            render: (_, d) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  onClick={() =>
                    modal.confirm({
                      title: `更换「${d.name}」的密钥？`,
                      content: '旧密钥立即失效，设备需要配置新密钥后才能继续上报。',
                      okText: '更换',
                      cancelText: '取消',
                      onOk: () => devicesApi.rotateKey(d.id).then((k) => { put(k.device); showKey(k, '新密钥'); }, fail),
                    })
                  }
                >
                  更换密钥
                </Button>
                {d.enabled ? (
                  <Button type="link" size="small" danger onClick={() => devicesApi.disable(d.id).then(put, fail)}>
                    停用
                  </Button>
                ) : (
                  <Button type="link" size="small" onClick={() => devicesApi.enable(d.id).then(put, fail)}>
                    启用
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={adding} title="添加设备" okText="添加" cancelText="取消" onCancel={() => setAdding(false)} onOk={create} destroyOnClose>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={DEVICE_KINDS.map((k) => ({ value: k, label: DEVICE_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
            <Input maxLength={40} placeholder="例如：北门消防通道摄像头" />
          </Form.Item>
          {kind === 'wristband' ? (
            <Form.Item name="wearerResidentId" label="佩戴居民" rules={[{ required: true, message: '请选择佩戴的居民' }]}>
              <Select
                showSearch
                filterOption={false}
                placeholder="搜索姓名"
                onSearch={(q) => q.trim() && residentsApi.list({ q: q.trim(), limit: 10 }).then((r) => setWearers(r.items), () => undefined)}
                options={wearers.map((r) => ({ value: r.id, label: `${r.name} · ${r.building}${r.unit}${r.room}` }))}
              />
            </Form.Item>
          ) : (
            <Space style={{ width: '100%' }}>
              <Form.Item name="building" label="楼栋">
                <Select allowClear style={{ width: 140 }} options={(community?.buildings ?? []).map((b) => ({ value: b, label: b }))} />
              </Form.Item>
              <Form.Item name="place" label="具体位置">
                <Input maxLength={60} style={{ width: 280 }} placeholder="例如：3号楼东侧垃圾站" />
              </Form.Item>
            </Space>
          )}
        </Form>
      </Modal>
    </div>
  );
}
