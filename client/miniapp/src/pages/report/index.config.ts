// Report page config.
export default definePageConfig({ navigationBarTitleText: '报事' });
