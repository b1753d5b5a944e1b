// Deadlines on a ticket's page: 签收 and 办结, 申请延期 with a reason, and for admins the pending request to approve or refuse.
import { useState } from 'react';
import { Alert, App, Button, InputNumber, Input, Modal, Space, Typography } from 'antd';
import { isOpenTicketStatus, type TicketDto } from '@linli/contracts';
import { session } from '../../api/session';
import { ticketsApi } from '../../api/tickets';
import { errorMessage } from '../../lib/errors';
import { fmtDateTime } from '../../lib/time';

export function ExtensionBox({ ticket, onChanged }: { ticket: TicketDto; onChanged: (t: TicketDto) => void }) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const [hours, setHours] = useState<number | null>(4);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const admin = session.user()?.roles.includes('admin') ?? false;
  const ext = ticket.extension;
  const run = async (call: () => Promise<TicketDto>, done: string) => {
    setBusy(true);
    try {
      onChanged(await call());
      message.success(done);
      setAsking(false);
    } catch (e) {
      message.error(errorMessage(e, '操作失败'));
    } finally {
      setBusy(false);
    }
  };
  const open = isOpenTicketStatus(ticket.status) && !ticket.duplicateOf;
  return (
    <div data-testid="deadlines" style={{ marginTop: 12 }}>
      <Space wrap size={16}>
        {ticket.signDueAt && (
          <Typography.Text>
            签收时限 {fmtDateTime(ticket.signDueAt)}
            {ticket.signedAt ? `（${fmtDateTime(ticket.signedAt)} 已签收）` : ''}
          </Typography.Text>
        )}
        <Typography.Text>办结时限 {fmtDateTime(ticket.slaDueAt)}</Typography.Text>
        {open && ext?.status !== 'pending' && (
          <Button size="small" data-testid="ask-extension" onClick={() => setAsking(true)}>
            申请延期
          </Button>
        )}
      </Space>
      {ext?.status === 'pending' && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          data-testid="extension-pending"
          message={`${ext.requestedBy} 申请延期 ${ext.hours} 小时：${ext.reason}`}
          action={
            admin ? (
              <Space>
                <Button size="small" type="primary" disabled={busy} data-testid="approve-extension" onClick={() => void run(() => ticketsApi.decideExtension(ticket.id, true), '已批准延期')}>
                  批准
                </Button>
                <Button size="small" disabled={busy} data-testid="reject-extension" onClick={() => void run(() => ticketsApi.decideExtension(ticket.id, false), '已驳回')}>
                  不批准
                </Button>
              </Space>
            ) : (
              <Typography.Text type="secondary">待负责人审批</Typography.Text>
            )
          }
        />
      )}
      <Modal
        open={asking}
        title="申请延期"
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: !hours || !reason.trim(), ...({ 'data-testid': 'extension-submit' } as object) }}
        onCancel={() => setAsking(false)}
        onOk={() => void run(() => ticketsApi.askExtension(ticket.id, hours!, reason.trim()), admin ? '已延期' : '已提交，等待负责人审批')}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <InputNumber min={0.5} max={720} step={0.5} value={hours} onChange={setHours} addonAfter="小时" data-testid="extension-hours" />
          <Input.TextArea rows={3} maxLength={200} showCount value={reason} placeholder="延期原因（居民可见），例如：需等待电梯配件到货" onChange={(e) => setReason(e.target.value)} data-testid="extension-reason" />
        </Space>
      </Modal>
    </div>
  );
}
