// Create or edit one resident of the registry (name, phone, birth year, address, tags, consented channels).
import { useEffect, useState } from 'react';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { NOTIFY_CHANNELS, RESIDENT_TAGS, type ResidentCreate, type ResidentDto } from '@linli/contracts';
import { useCommunity } from '../../api/community';
import { residentsApi } from '../../api/residents';
import { session } from '../../api/session';
import { CHANNEL_NOTIFY_LABELS } from '../../lib/labels';
import { errorMessage } from '../../lib/errors';

interface Props {
  open: boolean;
  resident: ResidentDto | null;
  onClose: () => void;
  onSaved: (r: ResidentDto) => void;
}

const clean = (v: ResidentCreate): ResidentCreate => ({
  ...v,
  phone: v.phone?.trim() || undefined,
  openid: v.openid?.trim() || undefined,
  wechatName: v.wechatName?.trim() || undefined,
});

export function ResidentFormModal({ open, resident, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const community = useCommunity();
  const [form] = Form.useForm<ResidentCreate>();
  const [saving, setSaving] = useState(false);
  // WeChat bindings are the resident's own flow or an admin's (the server refuses anyone else's change).
  const mayBind = session.user()?.roles.includes('admin') ?? false;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    // A masked number (138****0001) is not a number to save back: leave the field empty, and an empty field keeps the stored one.
    if (resident) form.setFieldsValue({ ...resident, phone: resident.phoneMasked ? undefined : resident.phone } as never);
  }, [open, resident, form]);

  const submit = async (v: ResidentCreate) => {
    setSaving(true);
    try {
      const saved = resident ? await residentsApi.update(resident.id, clean(v)) : await residentsApi.create(clean(v));
      message.success(resident ? '已保存' : '已添加居民');
      onSaved(saved);
    } catch (e) {
      message.error(errorMessage(e, '保存失败'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={resident ? `编辑居民 · ${resident.name}` : '新增居民'} width={640} okText="保存" cancelText="取消" confirmLoading={saving} onCancel={onClose} onOk={() => form.submit()} forceRender>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ tags: [] }} data-testid="resident-form">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label="手机号" rules={[{ pattern: /^1\d{10}$/, message: '手机号格式不正确' }]}>
              <Input maxLength={11} placeholder={resident?.phoneMasked ? '已隐藏，不修改请留空' : undefined} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="birthYear" label="出生年份" rules={[{ required: true, message: '请输入出生年份' }]}>
              <InputNumber min={1900} max={new Date().getFullYear()} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="building" label="楼栋" rules={[{ required: true, message: '请选择楼栋' }]}>
              <Select options={(community?.buildings ?? []).map((b) => ({ value: b, label: b }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unit" label="单元" rules={[{ required: true, whitespace: true, message: '请输入单元' }]}>
              <Input placeholder="如 1单元" maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="room" label="房号" rules={[{ required: true, whitespace: true, message: '请输入房号' }]}>
              <Input placeholder="如 301" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tags" label="标签">
          <Select mode="multiple" options={RESIDENT_TAGS.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="channels" label="同意接收的通知渠道">
          <Select mode="multiple" options={NOTIFY_CHANNELS.map((c) => ({ value: c, label: CHANNEL_NOTIFY_LABELS[c] }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="wechatName" label="微信昵称">
              <Input maxLength={40} disabled={!mayBind} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="openid" label="小程序 openid" extra={mayBind ? '绑定后，居民用微信登录即对应此档案' : '仅管理员可修改微信绑定'}>
              <Input maxLength={64} disabled={!mayBind} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
