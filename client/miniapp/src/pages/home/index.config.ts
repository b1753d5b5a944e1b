// Home page config.
export default definePageConfig({ navigationBarTitleText: '邻里 · 北门社区', enablePullDownRefresh: true });
