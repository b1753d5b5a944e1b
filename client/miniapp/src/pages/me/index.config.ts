// Me page config.
export default definePageConfig({ navigationBarTitleText: '我的' });
