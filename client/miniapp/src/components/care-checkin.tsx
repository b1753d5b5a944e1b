// 平安打卡 for residents in the care programme: today's status, a big check-in button, her own 外出登记, and emergency contacts.
import { View } from '@tarojs/components';
import type { AbsenceReason, MyCareDto } from '@linli/contracts';
import { formatTime } from '../services/format';
import { ActionButton } from './action-button';
import { CareAway } from './care-away';

interface Props {
  care: MyCareDto;
  busy: boolean;
  onCheckIn: () => void;
  /** Her own stays away; absent: the section is not shown. */
  away?: { busy: boolean; onAway: (reason: AbsenceReason, days: number) => void; onBack: (id: string) => void };
}

export function CareCheckin({ care, busy, onCheckIn, away }: Props) {
  if (!care.enrolled) return null;
  return (
    <View className="card" data-testid="care">
      <View className="strong">每日平安打卡</View>
      {care.checkedInToday ? (
        <View className="banner-ok gap" data-testid="checked-in">
          今天已打卡（{formatTime(care.checkedInAt).slice(11)}），祝您平安
        </View>
      ) : care.awayToday ? null : (
        <>
          <View className="muted">请在每天 {care.checkinDeadline ?? '10:00'} 前打卡，未打卡时网格员会联系您</View>
          <ActionButton primary testId="checkin" disabled={busy} onClick={onCheckIn}>
            {busy ? '正在打卡…' : '我很好，打卡'}
          </ActionButton>
        </>
      )}
      {away && <CareAway care={care} busy={away.busy} onAway={away.onAway} onBack={away.onBack} />}
      {care.emergencyContacts.length > 0 && (
        <View className="gap">
          <View className="strong">紧急联系人</View>
          {care.emergencyContacts.map((c) => (
            <View key={c.phone} className="row between">
              <View>
                {c.name}（{c.relation}）
              </View>
              <View>{c.phone}</View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
