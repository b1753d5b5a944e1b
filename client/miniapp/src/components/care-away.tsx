// 外出登记 for an elder herself: big chips (reason, how many days) instead of date wheels; while away she is not asked to check in.
import { View } from '@tarojs/components';
import { useState } from 'react';
import { absenceStatusLabel, type AbsenceReason, type MyCareDto } from '@linli/contracts';
import { ActionButton } from './action-button';
import { tappable } from '../services/a11y';

const REASONS: AbsenceReason[] = ['走亲戚', '住院', '外出'];
const DAYS = [3, 7, 14, 30];

interface Props {
  care: MyCareDto;
  busy: boolean;
  onAway: (reason: AbsenceReason, days: number) => void;
  onBack: (id: string) => void;
}

export function CareAway({ care, busy, onAway, onBack }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<AbsenceReason>('走亲戚');
  const [days, setDays] = useState(7);
  const current = care.awayToday && care.absences?.find((a) => a.from === care.awayToday!.from && a.to === care.awayToday!.to);
  if (care.awayToday)
    return (
      <View className="gap" data-testid="care-away">
        <View className="banner-ok">
          {absenceStatusLabel(care.awayToday.reason)}（{care.awayToday.from.slice(5)} 至 {care.awayToday.to.slice(5)}），这几天不用打卡
        </View>
        {current && (
          <ActionButton small testId="care-back" disabled={busy} onClick={() => onBack(current.id)}>
            我已回家，取消登记
          </ActionButton>
        )}
      </View>
    );
  if (!open)
    return (
      <ActionButton small testId="care-away-open" onClick={() => setOpen(true)}>
        要外出或住院？登记后这几天不用打卡
      </ActionButton>
    );
  return (
    <View className="gap" data-testid="care-away-form">
      <View className="strong">从今天起</View>
      <View className="chips">
        {REASONS.map((r) => (
          <View key={r} className={`chip${reason === r ? ' chip-active' : ''}`} data-testid={`away-reason-${r}`} onClick={() => setReason(r)} {...tappable({ checked: reason === r })}>
            {r}
          </View>
        ))}
      </View>
      <View className="chips">
        {DAYS.map((d) => (
          <View key={d} className={`chip${days === d ? ' chip-active' : ''}`} data-testid={`away-days-${d}`} onClick={() => setDays(d)} {...tappable({ checked: days === d })}>
            {d} 天
          </View>
        ))}
      </View>
      <ActionButton primary testId="care-away-save" disabled={busy} onClick={() => onAway(reason, days)}>
        {busy ? '正在登记…' : '登记外出'}
      </ActionButton>
    </View>
  );
}
