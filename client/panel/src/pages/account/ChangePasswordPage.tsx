// Change one's own password; shown first (on its own) when an admin set the password, afterwards from the account menu.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { accountApi } from '../../api/account';
import { session } from '../../api/session';
import { errorMessage } from '../../lib/errors';

export function ChangePasswordPage() {
  const navigate = useNavigate();
  const forced = session.mustChangePassword();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const submit = async (v: { currentPassword: string; newPassword: string; confirm: string }) => {
    setLoading(true);
    setError(null);
    try {
      // Every other session ends; this one continues with the new tokens.
      session.save(await accountApi.changePassword(v.currentPassword, v.newPassword));
      navigate('/', { replace: true });
    } catch (e) {
      setError(errorMessage(e, '修改失败，请稍后再试'));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className={forced ? 'login-bg' : undefined}>
      <Card className={forced ? 'login-card' : undefined} title="修改密码" style={forced ? undefined : { maxWidth: 480 }}>
        {forced && <Alert type="warning" showIcon message="管理员为您设置了临时密码，请先设置自己的新密码" style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '密码至少 10 位' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="再次输入新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            至少 10 位，不能是常见密码，不能包含用户名。修改后，其他设备上的登录将全部失效。
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" block loading={loading}>
            保存新密码
          </Button>
        </Form>
      </Card>
    </div>
  );
}
