"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CategoryBars = CategoryBars;
// Where the money went: one horizontal bar per category, widths proportional to the amounts.
const components_1 = require("@tarojs/components");
const contracts_1 = require("@linli/contracts");
const ledger_1 = require("../services/ledger");
function CategoryBars({ byCategory, color }) {
    const rows = (0, ledger_1.shares)(byCategory);
    if (rows.length === 0)
        return <components_1.View className="muted">本月无记录</components_1.View>;
    return (<components_1.View data-testid="category-bars">
      {rows.map((c) => (<components_1.View key={c.category} className="gap">
          <components_1.View className="row between">
            <components_1.View>{c.category}</components_1.View>
            <components_1.View>
              ¥{(0, contracts_1.formatFen)(c.amount)}（{c.percent}%）
            </components_1.View>
          </components_1.View>
          <components_1.View style={{ height: '10px', background: '#eee', borderRadius: '5px' }}>
            <components_1.View style={{ height: '10px', width: `${c.percent}%`, background: color, borderRadius: '5px' }}/>
          </components_1.View>
        </components_1.View>))}
    </components_1.View>);
}
