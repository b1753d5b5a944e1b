// Tells a signed-in staff member, on any page, that an urgent notice's 上门名单 was made for one of their buildings.
import { App, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useSocketEvent } from '../../api/realtime';
import { session } from '../../api/session';

export function DoorKnockNotifier() {
  const { notification } = App.useApp();
  const navigate = useNavigate();
  useSocketEvent('notice:door-knock', (e) => {
    const me = session.user();
    if (!me) return;
    const all = me.roles.includes('admin') || me.roles.includes('staff');
    const mine = e.buildings.filter((b) => all || me.buildings.includes(b.building));
    const households = mine.reduce((n, b) => n + b.households, 0);
    if (!households) return;
    notification.warning({
      key: `door-knock-${e.noticeId}`,
      message: '有住户需要上门告知',
      description: `「${e.title}」仍有 ${households} 户未读或未能送达（${mine.map((b) => b.building).join('、')}）`,
      duration: 0,
      btn: (
        <Button type="primary" size="small" onClick={() => navigate(`/notices/${e.noticeId}/door-knock`)} data-testid="door-knock-notify-open">
          查看上门名单
        </Button>
      ),
    });
  });
  return null;
}
