// Start a wish-list round: title, how many picks per household, voting window, and the items (with estimates in yuan).
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { WishRoundDto } from '@linli/contracts';
import { wishlistApi } from '../../api/wishlist';
import { yuanToFen } from '../../lib/money';
import { errorMessage } from '../../lib/errors';

interface Values {
  title: string;
  description?: string;
  maxChoices: number;
  window: [Dayjs, Dayjs];
  items: { title: string; estimate?: string }[];
}

export function WishRoundModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (r: WishRoundDto) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const r = await wishlistApi.create({
        title: v.title,
        description: v.description?.trim() || undefined,
        maxChoices: v.maxChoices,
        opensAt: v.window[0].toISOString(),
        closesAt: v.window[1].toISOString(),
        items: v.items.map((i) => ({ title: i.title, estimatedCost: i.estimate ? yuanToFen(i.estimate) ?? undefined : undefined, photos: [], subItems: [] })),
      });
      message.success('心愿征集已创建');
      onCreated(r);
    } catch (e) {
      message.error(errorMessage(e, '创建失败'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} width={640} title="发起心愿征集" okText="创建" cancelText="取消" confirmLoading={saving} onCancel={onClose} onOk={() => form.submit()} destroyOnClose>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ maxChoices: 3, items: [{}, {}, {}] }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={60} placeholder="例如：2026年老旧小区改造心愿征集" />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space size={24}>
          <Form.Item name="maxChoices" label="每户可选">
            <InputNumber min={1} max={20} addonAfter="项" />
          </Form.Item>
          <Form.Item name="window" label="投票时间" rules={[{ required: true, message: '请选择投票时间' }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, idx) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写' }]}>
                    <Input placeholder={`心愿项 ${idx + 1}，例如：加装电梯`} style={{ width: 320 }} maxLength={60} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'estimate']}>
                    <Input prefix="¥" placeholder="预算（元）" style={{ width: 160 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                添加心愿项
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
