// New post page config.
export default definePageConfig({ navigationBarTitleText: '我要留言' });
