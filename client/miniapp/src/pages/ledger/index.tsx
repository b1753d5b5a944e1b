// 账目公开: monthly statements (opening, income and expense by category, closing) and the published entries of the month.
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { formatFen, LEDGER_KIND_LABELS, type LedgerEntryDto, type LedgerStatementDto } from '@linli/contracts';
import { CategoryBars } from '../../components/category-bars';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { useAsyncAction } from '../../hooks/use-async-action';
import { whenLoggedIn } from '../../services/auth';
import { listStatements, monthEntries } from '../../services/ledger';
import { tappable } from '../../services/a11y';

/** Income adds, expense subtracts; a reversing entry carries a negative amount and so flips the sign. */
function signedAmount(e: LedgerEntryDto): string {
  const v = e.kind === 'income' ? e.amount : -e.amount;
  return `${v >= 0 ? '+' : '-'}¥${formatFen(Math.abs(v))}`;
}

export default function LedgerPage() {
  const [statements, setStatements] = useState<LedgerStatementDto[] | null>(null);
  const [month, setMonth] = useState<string | null>(null);
  const [entries, setEntries] = useState<LedgerEntryDto[] | null>(null);
  const entriesLoad = useAsyncAction(async (m: string) => {
    setMonth(m);
    setEntries(null);
    setEntries((await monthEntries(m)).items);
  });
  const load = useAsyncAction(async () => {
    const { items } = await listStatements();
    setStatements(items);
    if (items[0] && !month) await entriesLoad.run(items[0].month);
  });
  useDidShow(() => whenLoggedIn(() => load.run()));
  const current = statements?.find((s) => s.month === month);

  return (
    <PageFrame testId="ledger-page">
      <ErrorBanner message={load.error ?? entriesLoad.error} />
      {statements?.length === 0 && <View className="card muted center">还没有公开的月度账目</View>}
      {statements && statements.length > 0 && (
        <View className="chips">
          {statements.map((s) => (
            <View key={s.month} className={`chip${s.month === month ? ' chip-active' : ''}`} data-testid={`month-${s.month}`} onClick={() => void entriesLoad.run(s.month)} {...tappable({ checked: s.month === month })}>
              {s.month}
            </View>
          ))}
        </View>
      )}
      {current && (
        <View className="card" data-testid="statement">
          <View className="section-title">{current.month} 收支</View>
          <View className="row between">
            <View>上月结余</View>
            <View>¥{formatFen(current.openingBalance)}</View>
          </View>
          <View className="row between">
            <View>本月收入</View>
            <View data-testid="income-total">¥{formatFen(current.income.total)}</View>
          </View>
          <View className="row between">
            <View>本月支出</View>
            <View data-testid="expense-total">¥{formatFen(current.expense.total)}</View>
          </View>
          <View className="row between strong">
            <View>本月结余</View>
            <View>¥{formatFen(current.closingBalance)}</View>
          </View>
          <View className="section-title">钱花在了哪里</View>
          <CategoryBars byCategory={current.expense.byCategory} color="#c8102e" />
          <View className="section-title">钱从哪里来</View>
          <CategoryBars byCategory={current.income.byCategory} color="#17703a" />
        </View>
      )}
      {entries && entries.length > 0 && (
        <View className="card" data-testid="entries">
          <View className="section-title">明细</View>
          {entries.map((e) => (
            <View key={e.id} className="row between gap" data-testid="ledger-entry">
              <View className="grow">
                <View>
                  {e.date} {LEDGER_KIND_LABELS[e.kind]} · {e.category}
                  {e.reversesId ? '（冲销）' : ''}
                </View>
                <View className="muted">
                  {e.description}
                  {e.counterparty ? ` · ${e.counterparty}` : ''}
                </View>
              </View>
              <View className={e.kind === 'income' ? 'strong' : ''}>{signedAmount(e)}</View>
            </View>
          ))}
        </View>
      )}
    </PageFrame>
  );
}
