// Where the money went: one horizontal bar per category, widths proportional to the amounts.
import { View } from '@tarojs/components';
import { formatFen, type LedgerCategoryTotal } from '@linli/contracts';
import { shares } from '../services/ledger';

export function CategoryBars({ byCategory, color }: { byCategory: LedgerCategoryTotal[]; color: string }) {
  const rows = shares(byCategory);
  if (rows.length === 0) return <View className="muted">本月无记录</View>;
  return (
    <View data-testid="category-bars">
      {rows.map((c) => (
        <View key={c.category} className="gap">
          <View className="row between">
            <View>{c.category}</View>
            <View>
              ¥{formatFen(c.amount)}（{c.percent}%）
            </View>
          </View>
          <View style={{ height: '10px', background: '#eee', borderRadius: '5px' }}>
            <View style={{ height: '10px', width: `${c.percent}%`, background: color, borderRadius: '5px' }} />
          </View>
        </View>
      ))}
    </View>
  );
}
