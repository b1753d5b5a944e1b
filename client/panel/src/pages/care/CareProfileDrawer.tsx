// Create or edit a care profile: living situation, emergency contacts, grid worker, check-in deadline and quiet hours, stays away (外出登记), and (authorised staff only) health data.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Divider, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { LIVING_SITUATIONS, type CareProfileCreate, type CareProfileDto, type ResidentDto, type StaffDto } from '@linli/contracts';
import { careApi } from '../../api/care';
import { residentsApi } from '../../api/residents';
import { session } from '../../api/session';
import { ticketsApi } from '../../api/tickets';
import { errorMessage } from '../../lib/errors';
import { CareAbsences } from './CareAbsences';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

interface Props {
  open: boolean;
  profile: CareProfileDto | null;
  onClose: () => void;
  onSaved: (p: CareProfileDto) => void;
}

export function CareProfileDrawer({ open, profile, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CareProfileCreate>();
  const [residents, setResidents] = useState<ResidentDto[]>([]);
  const [grid, setGrid] = useState<StaffDto[]>([]);
  const [saving, setSaving] = useState(false);
  const roles = session.user()?.roles ?? [];
  const mayHealth = profile ? !profile.healthRedacted : roles.includes('care') || roles.includes('admin');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (profile) form.setFieldsValue({ ...profile, health: profile.health } as never);
    ticketsApi.staff().then((r) => setGrid(r.items.filter((s) => s.roles.includes('grid'))), () => undefined);
  }, [open, profile, form]);

  const save = async (v: CareProfileCreate) => {
    setSaving(true);
    try {
      // Sent only when changed: every change of quiet hours is audited.
      const q = v.quietHours?.start && v.quietHours?.end ? { start: v.quietHours.start, end: v.quietHours.end } : null;
      const same = !q || (profile?.quietHours && profile.quietHours.start === q.start && profile.quietHours.end === q.end);
      const quiet = same ? {} : { quietHours: q };
      const base = { livingSituation: v.livingSituation, emergencyContacts: v.emergencyContacts ?? [], gridWorkerId: v.gridWorkerId, checkinDeadline: v.checkinDeadline, checkinEnabled: v.checkinEnabled, ...quiet };
      const health = mayHealth && v.health ? { ...v.health, conditions: v.health.conditions ?? [], medications: v.health.medications ?? [] } : undefined;
      const saved = profile ? await careApi.update(profile.residentId, { ...base, health }) : await careApi.create({ ...base, residentId: v.residentId, health });
      message.success('关爱档案已保存');
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
      width={560}
      title={profile ? `关爱档案 · ${profile.name}` : '新建关爱档案'}
      onClose={onClose}
      forceRender
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ livingSituation: '独居', checkinDeadline: '10:00', checkinEnabled: true, emergencyContacts: [] }}>
        {!profile && (
          <Form.Item name="residentId" label="居民" rules={[{ required: true, message: '请选择居民' }]} extra="独居、空巢、高龄居民可纳入关爱">
            <Select
              showSearch
              filterOption={false}
              placeholder="搜索姓名"
              onSearch={(q) => q.trim() && residentsApi.list({ q: q.trim(), limit: 10 }).then((r) => setResidents(r.items), () => undefined)}
              options={residents.map((r) => ({ value: r.id, label: `${r.name} · ${r.building}${r.unit}${r.room} ${r.tags.join(' ')}` }))}
            />
          </Form.Item>
        )}
        <Space size={16} wrap>
          <Form.Item name="livingSituation" label="居住情况">
            <Select style={{ width: 150 }} options={LIVING_SITUATIONS.map((l) => ({ value: l, label: l }))} />
          </Form.Item>
          <Form.Item name="gridWorkerId" label="负责网格员">
            <Select allowClear style={{ width: 180 }} placeholder="默认按楼栋" options={grid.map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
          <Form.Item name="checkinDeadline" label="打卡截止" rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '格式 HH:mm' }]}>
            <Input style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="checkinEnabled" label="每日打卡" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Space size={8} align="start" wrap>
          <Form.Item name={['quietHours', 'start']} label="免打扰开始" rules={[{ pattern: HHMM, message: '格式 HH:mm' }]}>
            <Input style={{ width: 90 }} placeholder="22:00" data-testid="quiet-start" />
          </Form.Item>
          <Form.Item name={['quietHours', 'end']} label="免打扰结束" rules={[{ pattern: HHMM, message: '格式 HH:mm' }]} extra="免打扰时段内不询问老人；截止时间落在其中时，到结束时再询问">
            <Input style={{ width: 90 }} placeholder="07:00" data-testid="quiet-end" />
          </Form.Item>
        </Space>
        <Divider orientation="left" plain>
          紧急联系人
        </Divider>
        <Form.List name="emergencyContacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '姓名' }]}>
                    <Input placeholder="姓名" style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'relation']} rules={[{ required: true, message: '关系' }]}>
                    <Input placeholder="关系（儿子）" style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']} rules={[{ required: true, pattern: /^1\d{10}$/, message: '手机号' }]}>
                    <Input placeholder="手机号" style={{ width: 150 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              {fields.length < 5 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
                  添加联系人
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Divider orientation="left" plain>
          健康信息
        </Divider>
        {mayHealth ? (
          <>
            <Form.Item name={['health', 'conditions']} label="慢病/既往病史">
              <Select mode="tags" open={false} placeholder="高血压、糖尿病（回车添加）" />
            </Form.Item>
            <Form.Item name={['health', 'medications']} label="常用药">
              <Select mode="tags" open={false} placeholder="回车添加" />
            </Form.Item>
            <Space>
              <Form.Item name={['health', 'heartRate', 'min']} label="心率下限">
                <InputNumber min={20} max={120} />
              </Form.Item>
              <Form.Item name={['health', 'heartRate', 'max']} label="心率上限">
                <InputNumber min={60} max={250} />
              </Form.Item>
            </Space>
            <Form.Item name={['health', 'notes']} label="备注">
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Alert type="info" showIcon message="健康信息仅关爱专员、管理员和负责网格员可见，每次查看都会记录" />
          </>
        ) : (
          <Alert type="warning" showIcon message="您没有查看健康信息的权限" />
        )}
      </Form>
      {/* Outside the profile form: its own form must not submit (and close) the profile with Enter. */}
      {profile && (
        <>
          <Divider orientation="left" plain>
            外出登记（住院、走亲戚）
          </Divider>
          <CareAbsences residentId={profile.residentId} />
        </>
      )}
    </Drawer>
  );
}
