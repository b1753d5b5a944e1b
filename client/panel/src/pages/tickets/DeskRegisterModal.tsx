// 会客厅登记: staff enter a walk-in resident's request; a registry search fills who and where.
import { useState } from 'react';
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { TICKET_CATEGORIES, type ResidentDto, type TicketDto } from '@linli/contracts';
import { useCommunity } from '../../api/community';
import { residentsApi } from '../../api/residents';
import { ticketsApi } from '../../api/tickets';
import { deskTicket, fromResident, type DeskFormValues } from './desk-form';
import { TriageHint } from './TriageBox';
import { errorMessage } from '../../lib/errors';
import { AutoCompleteField, SelectField } from '../../components/SelectField';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (t: TicketDto) => void;
}

export function DeskRegisterModal({ open, onClose, onCreated }: Props) {
  const { message } = App.useApp();
  const community = useCommunity();
  const [form] = Form.useForm<DeskFormValues>();
  const [matches, setMatches] = useState<ResidentDto[]>([]);
  const [saving, setSaving] = useState(false);
  const description = Form.useWatch('description', form) ?? '';

  const search = (q: string) => {
    form.setFieldValue('residentId', undefined);
    if (q.trim().length < 1) return setMatches([]);
    residentsApi.list({ q: q.trim(), limit: 8 }).then((r) => setMatches(r.items), () => setMatches([]));
  };

  const submit = async (v: DeskFormValues) => {
    setSaving(true);
    try {
      const t = await ticketsApi.create(deskTicket(v));
      message.success(`已登记，工单号 ${t.no}`);
      form.resetFields();
      onCreated(t);
    } catch (e) {
      message.error(errorMessage(e, '登记失败'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title="会客厅登记" width={640} okText="登记" cancelText="取消" confirmLoading={saving} onCancel={onClose} onOk={() => form.submit()} destroyOnClose>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} data-testid="desk-form" initialValues={{ category: '其他' }}>
        <Form.Item name="residentId" hidden>
          <Input />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label="居民姓名" rules={[{ required: true, message: '请输入居民姓名' }]} extra="输入姓名或手机号可从居民档案中选择">
              <AutoCompleteField
                onSearch={search}
                onSelect={(_: string, o) => form.setFieldsValue(fromResident((o as unknown as { resident: ResidentDto }).resident))}
                options={matches.map((m) => ({ value: m.name, label: `${m.name} · ${m.building}${m.unit}${m.room}`, resident: m, key: m.id }))}
                placeholder="例如：王秀兰"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label="联系电话" rules={[{ pattern: /^1\d{10}$/, message: '手机号格式不正确' }]}>
              <Input placeholder="选填" maxLength={11} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="category" label="类别" rules={[{ required: true }]}>
              <SelectField options={TICKET_CATEGORIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="title" label="标题">
              <Input placeholder="选填，默认取描述开头" maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="问题描述" rules={[{ required: true, whitespace: true, message: '请填写问题描述' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="居民反映的问题，尽量写清楚时间、地点和情况" />
        </Form.Item>
        <TriageHint
          text={description}
          onApply={(t) =>
            // The place only fills what is empty: a resident picked from the registry keeps her own home.
            form.setFieldsValue({ category: t.category, ...(t.location && !form.getFieldValue('building') ? { building: t.location.building, unit: t.location.unit } : {}) })
          }
        />
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="building" label="楼栋">
              <Select allowClear placeholder="选择楼栋" options={(community?.buildings ?? []).map((b) => ({ value: b, label: b }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unit" label="单元">
              <Input placeholder="如 2单元" maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="room" label="房号">
              <Input placeholder="如 301" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
