// Ticket detail page config (no pull-down refresh: the page follows the ticket live and refetches after reconnects).
export default definePageConfig({ navigationBarTitleText: '工单详情' });
