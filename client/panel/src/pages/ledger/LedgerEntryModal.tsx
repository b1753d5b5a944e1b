// 记一笔账: a draft entry (kind, category, amount in yuan → fen, date, counterparty, description) that another staff member approves.
import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { LEDGER_CATEGORIES, type LedgerCategory, type LedgerEntryDto, type LedgerKind } from '@linli/contracts';
import { ledgerApi } from '../../api/ledger';
import { yuanToFen } from '../../lib/money';
import { errorMessage } from '../../lib/errors';

interface Values {
  kind: LedgerKind;
  category: LedgerCategory;
  amount: string;
  date: Dayjs;
  counterparty?: string;
  description: string;
}

export function LedgerEntryModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (e: LedgerEntryDto) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'expense';
  const [saving, setSaving] = useState(false);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const e = await ledgerApi.create({
        kind: v.kind,
        category: v.category,
        amount: yuanToFen(v.amount)!,
        date: v.date.format('YYYY-MM-DD'),
        counterparty: v.counterparty?.trim() || undefined,
        description: v.description,
        vouchers: [],
      });
      message.success('已提交，等待另一位工作人员审核后公开');
      form.resetFields();
      onCreated(e);
    } catch (err) {
      message.error(errorMessage(err, '提交失败'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title="记一笔账" okText="提交审核" cancelText="取消" confirmLoading={saving} onCancel={onClose} onOk={() => form.submit()} destroyOnClose>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ kind: 'expense', date: dayjs() }}>
        <Form.Item name="kind" label="收支">
          <Radio.Group onChange={() => form.setFieldValue('category', undefined)} optionType="button" options={[{ value: 'income', label: '收入' }, { value: 'expense', label: '支出' }]} />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={LEDGER_CATEGORIES[kind].map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请输入金额' }, { validator: (_, v) => (!v || yuanToFen(String(v)) ? Promise.resolve() : Promise.reject(new Error('请输入大于 0 的金额，最多两位小数'))) }]}>
          <Input prefix="¥" placeholder="例如 1280.50" />
        </Form.Item>
        <Form.Item name="date" label="日期" rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="counterparty" label="收付款方">
          <Input maxLength={60} placeholder="例如：济宁某保洁服务公司" />
        </Form.Item>
        <Form.Item name="description" label="说明" rules={[{ required: true, whitespace: true, message: '请填写说明' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
