// 外出登记 in a care profile: her stays away (住院、走亲戚 …) — while one lasts no missed-check-in or wristband-offline alert is raised for her.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ABSENCE_REASONS, absenceStatusLabel, shanghaiDay, type AbsenceReason, type CareAbsenceDto } from '@linli/contracts';
import { careApi } from '../../api/care';
import { errorMessage } from '../../lib/errors';

interface FormValues {
  range: [Dayjs, Dayjs];
  reason: AbsenceReason;
  note?: string;
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

export function CareAbsences({ residentId }: { residentId: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [items, setItems] = useState<CareAbsenceDto[]>([]);
  const [editing, setEditing] = useState<CareAbsenceDto | null>(null);
  const [busy, setBusy] = useState(false);
  const today = shanghaiDay();

  const load = useCallback(() => {
    careApi.absences(residentId).then(setItems, (e) => message.error(errorMessage(e, '外出记录加载失败')));
  }, [residentId, message]);
  useEffect(() => {
    load();
    setEditing(null);
    form.resetFields();
  }, [load, form]);

  const save = async (v: FormValues) => {
    setBusy(true);
    try {
      const body = { from: day(v.range[0]), to: day(v.range[1]), reason: v.reason, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
      if (editing) await careApi.editAbsence(residentId, editing.id, { ...body, ...(v.note?.trim() ? {} : { note: null }) });
      else await careApi.addAbsence(residentId, body);
      message.success(editing ? '外出记录已修改' : '已登记外出');
      setEditing(null);
      form.resetFields();
      load();
    } catch (e) {
      message.error(errorMessage(e, '保存失败'));
    } finally {
      setBusy(false);
    }
  };

  const edit = (a: CareAbsenceDto) => {
    setEditing(a);
    form.setFieldsValue({ range: [dayjs(a.from), dayjs(a.to)], reason: a.reason, note: a.note });
  };

  const remove = (a: CareAbsenceDto) =>
    careApi.removeAbsence(residentId, a.id).then(() => {
      message.success('外出记录已删除');
      load();
    }, (e) => message.error(errorMessage(e, '删除失败')));

  return (
    <div data-testid="care-absences">
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: '没有外出记录' }}
        renderItem={(a) => {
          const now = a.from <= today && a.to >= today;
          return (
            <List.Item
              actions={[
                <Button key="e" size="small" type="link" onClick={() => edit(a)}>
                  修改
                </Button>,
                <Popconfirm key="d" title="删除这条外出记录？删除后这些天照常提醒打卡" onConfirm={() => remove(a)}>
                  <Button size="small" type="link" danger>
                    删除
                  </Button>
                </Popconfirm>,
              ]}
            >
              <Space wrap>
                <Tag color={a.reason === '住院' ? 'orange' : 'blue'}>{a.reason}</Tag>
                <Typography.Text>
                  {a.from} 至 {a.to}
                </Typography.Text>
                {now && <Tag color="purple">{absenceStatusLabel(a.reason)}</Tag>}
                {a.note && <Typography.Text type="secondary">{a.note}</Typography.Text>}
              </Space>
            </List.Item>
          );
        }}
      />
      <Form form={form} layout="inline" onFinish={save} initialValues={{ reason: '住院' }} style={{ marginTop: 8, rowGap: 8 }}>
        <Form.Item name="range" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker placeholder={['开始日期', '结束日期']} data-testid="absence-range" />
        </Form.Item>
        <Form.Item name="reason">
          <Select style={{ width: 100 }} options={ABSENCE_REASONS.map((r) => ({ value: r, label: r }))} data-testid="absence-reason" />
        </Form.Item>
        <Form.Item name="note">
          <Input placeholder="备注（医院、去处）" maxLength={200} style={{ width: 180 }} />
        </Form.Item>
        <Space>
          <Button htmlType="submit" type="primary" ghost loading={busy} data-testid="absence-save">
            {editing ? '保存修改' : '登记外出'}
          </Button>
          {editing && (
            <Button
              onClick={() => {
                setEditing(null);
                form.resetFields();
              }}
            >
              取消
            </Button>
          )}
        </Space>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        外出期间不提醒打卡、不因手环离线报警；一键呼救和跌倒报警照常处理。登记、修改和删除都会记录在访问记录中。
      </Typography.Paragraph>
    </div>
  );
}
