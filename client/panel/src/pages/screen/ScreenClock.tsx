// Date and time in Asia/Shanghai for the big screen header.
import { SHANGHAI_TIME_ZONE } from '@linli/contracts';
import { fmtTime } from '../../lib/time';
import { useNow } from '../../lib/use-now';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function ScreenClock() {
  const now = useNow(1000);
  const weekday = WEEKDAYS[new Date(new Date(now).toLocaleString('en-US', { timeZone: SHANGHAI_TIME_ZONE })).getDay()];
  return (
    <div className="screen-clock">
      <div className="time">{fmtTime(new Date(now), 'HH:mm:ss')}</div>
      <div className="date">
        {fmtTime(new Date(now), 'YYYY年MM月DD日')} {weekday}
      </div>
    </div>
  );
}
