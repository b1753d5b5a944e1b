// Login page config.
export default definePageConfig({ navigationBarTitleText: '登录' });
