// Buttons for the legal next moves on a ticket; assign opens a staff picker, resolve/reopen/cancel ask for a note.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { TICKET_ACTION_LABELS, type StaffDto, type TicketAction, type TicketDto } from '@linli/contracts';
import { ticketsApi } from '../../api/tickets';
import { NEEDS_INPUT, PRIMARY_ACTIONS, staffActions } from '../../lib/ticket-actions';
import { ROLE_LABELS } from '../../lib/labels';
import { errorMessage } from '../../lib/errors';
import { SelectField } from '../../components/SelectField';

interface Props {
  ticket: TicketDto;
  onChanged: (t: TicketDto) => void;
}

const NOTE_PROMPTS: Partial<Record<TicketAction, string>> = {
  resolve: '办结说明（居民可见）',
  reopen: '重新打开的原因',
  cancel: '撤销原因',
};

export function TicketActions({ ticket, onChanged }: Props) {
  const { message } = App.useApp();
  const [pending, setPending] = useState<TicketAction | null>(null);
  const [dialog, setDialog] = useState<TicketAction | null>(null);
  const [staff, setStaff] = useState<StaffDto[]>([]);
  const [form] = Form.useForm<{ assigneeId?: string; note?: string }>();
  const actions = staffActions(ticket);

  const run = async (action: TicketAction, extra: { assigneeId?: string; note?: string } = {}) => {
    setPending(action);
    try {
      const t = await ticketsApi.transition(ticket.id, action, extra);
      onChanged(t);
      message.success(`已${TICKET_ACTION_LABELS[action]}`);
      setDialog(null);
      form.resetFields();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setPending(null);
    }
  };

  const open = (action: TicketAction) => {
    if (!NEEDS_INPUT[action]) return void run(action);
    if (action === 'assign' && staff.length === 0) ticketsApi.staff().then((r) => setStaff(r.items), () => undefined);
    form.resetFields();
    setDialog(action);
  };

  if (actions.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="ticket-actions">
        {actions.map((a) => (
          <Button
            key={a}
            type={PRIMARY_ACTIONS.includes(a) ? 'primary' : 'default'}
            danger={a === 'cancel'}
            loading={pending === a}
            onClick={() => open(a)}
            data-testid={`action-${a}`}
          >
            {TICKET_ACTION_LABELS[a]}
          </Button>
        ))}
      </Space>
      <Modal
        open={dialog !== null}
        title={dialog ? `${TICKET_ACTION_LABELS[dialog]} · ${ticket.no}` : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={pending !== null}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnClose
      >
        <Form form={form} layout="vertical" onFinish={(v) => dialog && run(dialog, v)} preserve={false}>
          {dialog === 'assign' && (
            <Form.Item name="assigneeId" label="处理人" rules={[{ required: true, message: '请选择处理人' }]}>
              <SelectField
                showSearch
                placeholder="选择工作人员或网格员"
                optionFilterProp="label"
                data-testid="assignee-select"
                options={staff.map((s) => ({
                  value: s.id,
                  label: `${s.name}（${s.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}${s.buildings.length ? ` · ${s.buildings.join('、')}` : ''}）`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={dialog === 'assign' ? '派单说明（可选）' : NOTE_PROMPTS[dialog ?? 'resolve']}
            rules={dialog === 'cancel' ? [{ required: true, message: '请填写撤销原因' }] : []}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
