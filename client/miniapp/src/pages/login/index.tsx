// Login: one-tap WeChat login in the mini-program; the dev login (openid + name) in H5 when the server allows it.
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { useAsyncAction } from '../../hooks/use-async-action';
import { ApiError } from '../../services/errors';
import { devLogin, HOME_PAGE, wechatLogin } from '../../services/auth';
import { fieldName } from '../../services/a11y';

const isWeapp = process.env.TARO_ENV === 'weapp';

export default function LoginPage() {
  const [openid, setOpenid] = useState('');
  const [name, setName] = useState('');
  const login = useAsyncAction(async () => {
    if (isWeapp) await wechatLogin();
    else {
      if (!/^[A-Za-z0-9_-]{3,64}$/.test(openid.trim())) throw new ApiError('请填写正确的账号', 0, 'VALIDATION');
      await devLogin(openid.trim(), name.trim() || undefined);
    }
    await Taro.reLaunch({ url: HOME_PAGE });
  });
  const invalid = !isWeapp && openid.length > 0 && !/^[A-Za-z0-9_-]{3,64}$/.test(openid.trim());

  return (
    <PageFrame testId="login-page">
      <View className="card center">
        <View className="section-title">邻里 · 北门社区</View>
        <Text className="muted">报事、看通知、邻里留言，都在这里</Text>
      </View>
      <ErrorBanner message={invalid ? '账号只能包含字母、数字、下划线和短横线（3-64 位）' : login.error} />
      {isWeapp ? (
        <ActionButton primary testId="wechat-login" disabled={login.busy} onClick={() => void login.run()}>
          {login.busy ? '登录中…' : '微信一键登录'}
        </ActionButton>
      ) : (
        <View className="card">
          <View className="field">
            <View className="label">账号（开发登录）</View>
            <Input className="input" data-testid="login-openid" {...fieldName('账号')} value={openid} placeholder="例如 demo-resident" onInput={(e) => setOpenid(e.detail.value)} />
          </View>
          <View className="field">
            <View className="label">姓名（可选）</View>
            <Input className="input" data-testid="login-name" {...fieldName('姓名（可选）')} value={name} placeholder="您的称呼" onInput={(e) => setName(e.detail.value)} />
          </View>
          <ActionButton primary testId="login-submit" disabled={login.busy || invalid || !openid} onClick={() => void login.run()}>
            {login.busy ? '登录中…' : '登录'}
          </ActionButton>
          <View className="muted gap">仅在服务器开启开发登录（DEV_LOGIN=1）时可用；正式使用请在微信小程序中打开。</View>
        </View>
      )}
    </PageFrame>
  );
}
