// 财务公开: the property-fee ledger (four-eyes approval before residents see an entry), monthly statements, the wish list.
import { Tabs } from 'antd';
import { LedgerEntriesTab } from './LedgerEntriesTab';
import { LedgerStatementsTab } from './LedgerStatementsTab';
import { WishlistTab } from '../wishlist/WishlistTab';

export function LedgerPage() {
  return (
    <div>
      <div className="page-title">
        <h2>财务公开</h2>
      </div>
      <Tabs
        destroyInactiveTabPane
        items={[
          { key: 'entries', label: '账目', children: <LedgerEntriesTab /> },
          { key: 'statements', label: '月度报表', children: <LedgerStatementsTab /> },
          { key: 'wishlist', label: '心愿清单', children: <WishlistTab /> },
        ]}
      />
    </div>
  );
}
