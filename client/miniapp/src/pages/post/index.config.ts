// Post detail page config.
export default definePageConfig({ navigationBarTitleText: '留言详情' });
