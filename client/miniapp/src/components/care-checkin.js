"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CareCheckin = CareCheckin;
// 平安打卡 for residents in the care programme: today's status, a big check-in button, and emergency contacts.
const components_1 = require("@tarojs/components");
const format_1 = require("../services/format");
const action_button_1 = require("./action-button");
function CareCheckin({ care, busy, onCheckIn }) {
    if (!care.enrolled)
        return null;
    return (<components_1.View className="card" data-testid="care">
      <components_1.View className="strong">每日平安打卡</components_1.View>
      {care.checkedInToday ? (<components_1.View className="banner-ok gap" data-testid="checked-in">
          今天已打卡（{(0, format_1.formatTime)(care.checkedInAt).slice(11)}），祝您平安
        </components_1.View>) : (<>
          <components_1.View className="muted">请在每天 {care.checkinDeadline ?? '10:00'} 前打卡，未打卡时网格员会联系您</components_1.View>
          <action_button_1.ActionButton primary testId="checkin" disabled={busy} onClick={onCheckIn}>
            {busy ? '正在打卡…' : '我很好，打卡'}
          </action_button_1.ActionButton>
        </>)}
      {care.emergencyContacts.length > 0 && (<components_1.View className="gap">
          <components_1.View className="strong">紧急联系人</components_1.View>
          {care.emergencyContacts.map((c) => (<components_1.View key={c.phone} className="row between">
              <components_1.View>
                {c.name}（{c.relation}）
              </components_1.View>
              <components_1.View>{c.phone}</components_1.View>
            </components_1.View>))}
        </components_1.View>)}
    </components_1.View>);
}
