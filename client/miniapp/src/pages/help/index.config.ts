// Help (常见问题) page config.
export default definePageConfig({ navigationBarTitleText: '有问必答' });
