// Staff sign-in: username/password → session in localStorage (a password an admin set is changed first); shows why a previous session ended.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { StaffSessionDto } from '@linli/contracts';
import { post } from '../../api/http';
import { session } from '../../api/session';
import { errorMessage } from '../../lib/errors';

export function LoginPage() {
  const navigate = useNavigate();
  const [flash] = useState(() => session.takeFlash());
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const submit = async (v: { username: string; password: string }) => {
    setLoading(true);
    setError(null);
    try {
      const r = await post<StaffSessionDto>('/api/auth/staff/login', v);
      session.save(r);
      navigate(r.mustChangePassword ? '/password' : '/', { replace: true });
    } catch (e) {
      setError(errorMessage(e, '登录失败，请稍后再试'));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="login-bg">
      <Card className="login-card" bordered={false}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div className="panel-brand" style={{ justifyContent: 'center', color: '#0f1f3d', height: 'auto', background: 'transparent' }}>
            <div className="logo" style={{ color: '#fff' }}>
              邻
            </div>
            <span>邻里 · 社区工作台</span>
          </div>
          <Typography.Text type="secondary">社区工作人员、网格员登录</Typography.Text>
        </div>
        {flash && !error && <Alert type="warning" showIcon message={flash} style={{ marginBottom: 16 }} data-testid="login-flash" />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={loading}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }}>
          邻里智慧社区平台 · 数据仅限社区工作使用
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
