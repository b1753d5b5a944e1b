// Ledger page config.
export default definePageConfig({ navigationBarTitleText: '账目公开' });
