// 微信绑定: who is bound to a resident (herself, family members), a 6-digit 绑定码 to hand out, and 解除绑定 — every step audited on the server.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Empty, List, Modal, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import { WECHAT_RELATION_LABELS, type BindCodeDto, type ResidentDto, type WechatRelation } from '@linli/contracts';
import { residentsApi } from '../../api/residents';
import { errorMessage } from '../../lib/errors';

const fmt = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export function WechatBindingsModal({ resident, onClose, onChanged }: { resident: ResidentDto | null; onClose(): void; onChanged(r: ResidentDto): void }) {
  const { message } = App.useApp();
  const [current, setCurrent] = useState<ResidentDto | null>(resident);
  const [relation, setRelation] = useState<WechatRelation>('self');
  const [code, setCode] = useState<BindCodeDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Reset only when another resident is opened: the list behind the dialog may hand in a fresh copy of the same
  // resident at any time (a late search response, a live update), and that must not wipe a code just shown.
  const residentId = resident?.id;
  useEffect(() => {
    setCurrent(resident);
    setCode(null);
    setError(null);
    setRelation('self');
  }, [residentId]);

  if (!resident || !current) return null;

  const refresh = async () => {
    try {
      const r = await residentsApi.get(resident.id);
      setCurrent(r);
      onChanged(r);
      setError(null);
    } catch (e) {
      setError(errorMessage(e, '加载失败'));
    }
  };

  const issue = async () => {
    setBusy(true);
    try {
      setCode(await residentsApi.bindCode(resident.id, relation));
      setError(null);
    } catch (e) {
      setError(errorMessage(e, '生成绑定码失败'));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (bindingId: string) => {
    try {
      const r = await residentsApi.revokeBinding(resident.id, bindingId);
      setCurrent(r);
      onChanged(r);
      message.success('已解除绑定');
    } catch (e) {
      setError(errorMessage(e, '解除绑定失败'));
    }
  };

  const contacts = current.wechatContacts ?? [];
  return (
    <Modal open title={`微信绑定 · ${current.name}`} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} data-testid="wechat-bindings">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon message={error} />}
        <div>
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text strong>已绑定的微信</Typography.Text>
            <Button size="small" onClick={() => void refresh()}>
              刷新
            </Button>
          </Space>
          {contacts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有绑定微信" />
          ) : (
            <List
              size="small"
              dataSource={contacts}
              renderItem={(c) => (
                <List.Item
                  actions={[
                    <Popconfirm key="revoke" title="解除后，这个微信在群里打卡、查工单都不再代表该居民" okText="解除" cancelText="取消" onConfirm={() => void revoke(c.id)}>
                      <Button size="small" danger data-testid="binding-revoke">
                        解除
                      </Button>
                    </Popconfirm>,
                  ]}
                >
                  <Space wrap>
                    <Tag color={c.relation === 'self' ? 'green' : 'blue'}>{WECHAT_RELATION_LABELS[c.relation]}</Tag>
                    <span>{c.name ?? '微信用户'}</span>
                    <Typography.Text type="secondary">
                      {fmt(c.boundAt)} {c.via === 'code' ? '凭绑定码' : '管理员设置'}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </div>
        <div>
          <Typography.Text strong>生成绑定码</Typography.Text>
          <Space wrap style={{ margin: '8px 0' }}>
            <Radio.Group value={relation} onChange={(e) => setRelation(e.target.value as WechatRelation)}>
              <Radio value="self">给本人</Radio>
              <Radio value="family">给家属（需老人同意）</Radio>
            </Radio.Group>
            <Button type="primary" loading={busy} onClick={() => void issue()} data-testid="bind-code-issue">
              生成
            </Button>
          </Space>
          {code && (
            <Alert
              type="success"
              data-testid="bind-code"
              message={
                <Typography.Title level={3} style={{ margin: 0, letterSpacing: 4 }} copyable={{ text: code.code }}>
                  {code.code}
                </Typography.Title>
              }
              description={`请${code.relation === 'self' ? '老人本人' : '家属'}在社区群里或私聊「社区小助手」发送：绑定 ${code.code}。${fmt(code.expiresAt)} 前有效，只能用一次；重新生成后旧码作废。`}
            />
          )}
        </div>
      </Space>
    </Modal>
  );
}
