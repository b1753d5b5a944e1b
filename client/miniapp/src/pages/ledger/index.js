"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = LedgerPage;
// 账目公开: monthly statements (opening, income and expense by category, closing) and the published entries of the month.
const components_1 = require("@tarojs/components");
const taro_1 = require("@tarojs/taro");
const react_1 = require("react");
const contracts_1 = require("@linli/contracts");
const category_bars_1 = require("../../components/category-bars");
const error_banner_1 = require("../../components/error-banner");
const page_frame_1 = require("../../components/page-frame");
const use_async_action_1 = require("../../hooks/use-async-action");
const auth_1 = require("../../services/auth");
const ledger_1 = require("../../services/ledger");
/** Income adds, expense subtracts; a reversing entry carries a negative amount and so flips the sign. */
function signedAmount(e) {
    const v = e.kind === 'income' ? e.amount : -e.amount;
    return `${v >= 0 ? '+' : '-'}¥${(0, contracts_1.formatFen)(Math.abs(v))}`;
}
function LedgerPage() {
    const [statements, setStatements] = (0, react_1.useState)(null);
    const [month, setMonth] = (0, react_1.useState)(null);
    const [entries, setEntries] = (0, react_1.useState)(null);
    const entriesLoad = (0, use_async_action_1.useAsyncAction)(async (m) => {
        setMonth(m);
        setEntries(null);
        setEntries((await (0, ledger_1.monthEntries)(m)).items);
    });
    const load = (0, use_async_action_1.useAsyncAction)(async () => {
        const { items } = await (0, ledger_1.listStatements)();
        setStatements(items);
        if (items[0] && !month)
            await entriesLoad.run(items[0].month);
    });
    (0, taro_1.useDidShow)(() => (0, auth_1.whenLoggedIn)(() => load.run()));
    const current = statements?.find((s) => s.month === month);
    return (<page_frame_1.PageFrame testId="ledger-page">
      <error_banner_1.ErrorBanner message={load.error ?? entriesLoad.error}/>
      {statements?.length === 0 && <components_1.View className="card muted center">还没有公开的月度账目</components_1.View>}
      {statements && statements.length > 0 && (<components_1.View className="chips">
          {statements.map((s) => (<components_1.View key={s.month} className={`chip${s.month === month ? ' chip-active' : ''}`} data-testid={`month-${s.month}`} onClick={() => void entriesLoad.run(s.month)}>
              {s.month}
            </components_1.View>))}
        </components_1.View>)}
      {current && (<components_1.View className="card" data-testid="statement">
          <components_1.View className="section-title">{current.month} 收支</components_1.View>
          <components_1.View className="row between">
            <components_1.View>上月结余</components_1.View>
            <components_1.View>¥{(0, contracts_1.formatFen)(current.openingBalance)}</components_1.View>
          </components_1.View>
          <components_1.View className="row between">
            <components_1.View>本月收入</components_1.View>
            <components_1.View data-testid="income-total">¥{(0, contracts_1.formatFen)(current.income.total)}</components_1.View>
          </components_1.View>
          <components_1.View className="row between">
            <components_1.View>本月支出</components_1.View>
            <components_1.View data-testid="expense-total">¥{(0, contracts_1.formatFen)(current.expense.total)}</components_1.View>
          </components_1.View>
          <components_1.View className="row between strong">
            <components_1.View>本月结余</components_1.View>
            <components_1.View>¥{(0, contracts_1.formatFen)(current.closingBalance)}</components_1.View>
          </components_1.View>
          <components_1.View className="section-title">钱花在了哪里</components_1.View>
          <category_bars_1.CategoryBars byCategory={current.expense.byCategory} color="#c8102e"/>
          <components_1.View className="section-title">钱从哪里来</components_1.View>
          <category_bars_1.CategoryBars byCategory={current.income.byCategory} color="#17703a"/>
        </components_1.View>)}
      {entries && entries.length > 0 && (<components_1.View className="card" data-testid="entries">
          <components_1.View className="section-title">明细</components_1.View>
          {entries.map((e) => (<components_1.View key={e.id} className="row between gap" data-testid="ledger-entry">
              <components_1.View className="grow">
                <components_1.View>
                  {e.date} {contracts_1.LEDGER_KIND_LABELS[e.kind]} · {e.category}
                  {e.reversesId ? '（冲销）' : ''}
                </components_1.View>
                <components_1.View className="muted">
                  {e.description}
                  {e.counterparty ? ` · ${e.counterparty}` : ''}
                </components_1.View>
              </components_1.View>
              <components_1.View className={e.kind === 'income' ? 'strong' : ''}>{signedAmount(e)}</components_1.View>
            </components_1.View>))}
        </components_1.View>)}
    </page_frame_1.PageFrame>);
}
