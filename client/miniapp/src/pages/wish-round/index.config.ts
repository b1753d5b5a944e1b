// Wish-list round page config.
export default definePageConfig({ navigationBarTitleText: '心愿投票', enableShareAppMessage: true });
