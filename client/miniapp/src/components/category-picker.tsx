// Ticket category as big tappable chips (easier than a wheel picker, especially for elders).
import { View } from '@tarojs/components';
import { TICKET_CATEGORIES, type TicketCategory } from '@linli/contracts';
import { tappable } from '../services/a11y';

export function CategoryPicker({ value, onChange }: { value: TicketCategory | null; onChange: (c: TicketCategory) => void }) {
  return (
    <View className="chips" data-testid="category-picker" role="radiogroup" aria-label="问题类别">
      {TICKET_CATEGORIES.map((c) => (
        <View key={c} className={`chip${value === c ? ' chip-active' : ''}`} data-testid={`category-${c}`} onClick={() => onChange(c)} {...tappable({ checked: value === c })}>
          {c}
        </View>
      ))}
    </View>
  );
}
