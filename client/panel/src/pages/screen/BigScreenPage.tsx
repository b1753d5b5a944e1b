// 电子大屏 (/panel/screen): read-only full-screen page for the TV in the service hall, updating live.
import { useEffect, useMemo, useState } from 'react';
import { useCommunity } from '../../api/community';
import { useSocketConnected } from '../../api/realtime';
import { screenSession } from '../../api/screen-session';
import { screenStats } from '../../lib/screen-stats';
import { useNow } from '../../lib/use-now';
import { LiveTicketFeed } from './LiveTicketFeed';
import { ScreenClock } from './ScreenClock';
import { ServicePromises } from './ServicePromises';
import { SCREEN_CENTER, SCREEN_RIGHT } from './slots';
import { TicketNumbers } from './TicketNumbers';
import { useScreenTickets } from './use-screen-tickets';
import './screen.css';

export function BigScreenPage() {
  const community = useCommunity();
  const connected = useSocketConnected();
  const now = useNow(60_000);
  const { tickets, latestId } = useScreenTickets();
  const stats = useMemo(() => screenStats(tickets, now), [tickets, now]);
  // Opened with a screen token the admin has since revoked: say so on the TV (there is nobody to sign in).
  const [revoked, setRevoked] = useState(screenSession.revoked());
  useEffect(() => {
    const off = screenSession.onRevoked(() => setRevoked(true));
    return () => void off();
  }, []);
  if (revoked)
    return (
      <div className="screen" data-testid="big-screen-revoked">
        <p className="screen-empty" role="alert">此大屏链接已停用，请联系社区管理员重新生成</p>
      </div>
    );

  return (
    <div className="screen" data-testid="big-screen">
      <header className="screen-header">
        <div className="screen-title">
          <span className="logo">邻</span>
          {community?.name ?? '社区'} · 智慧社区服务大厅
        </div>
        <div className={`screen-live ${connected ? 'on' : ''}`}>{connected ? '● 实时' : '○ 连接中'}</div>
        <ScreenClock />
      </header>
      <main className="screen-grid">
        <div className="col">
          <TicketNumbers stats={stats} />
        </div>
        <div className="col wide">
          {SCREEN_CENTER.map((C, i) => (
            <C key={i} />
          ))}
          <LiveTicketFeed tickets={tickets} latestId={latestId} />
        </div>
        <div className="col">
          {SCREEN_RIGHT.map((C, i) => (
            <C key={i} />
          ))}
          <ServicePromises />
        </div>
      </main>
    </div>
  );
}
