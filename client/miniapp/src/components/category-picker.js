"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CategoryPicker = CategoryPicker;
// Ticket category as big tappable chips (easier than a wheel picker, especially for elders).
const components_1 = require("@tarojs/components");
const contracts_1 = require("@linli/contracts");
function CategoryPicker({ value, onChange }) {
    return (<components_1.View className="chips" data-testid="category-picker">
      {contracts_1.TICKET_CATEGORIES.map((c) => (<components_1.View key={c} className={`chip${value === c ? ' chip-active' : ''}`} data-testid={`category-${c}`} onClick={() => onChange(c)}>
          {c}
        </components_1.View>))}
    </components_1.View>);
}
