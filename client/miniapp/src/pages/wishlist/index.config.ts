// Wish list rounds page config.
export default definePageConfig({ navigationBarTitleText: '心愿清单', enableShareAppMessage: true });
