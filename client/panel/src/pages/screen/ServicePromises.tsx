// Big-screen block: the community's published handling time limits per category (from its SLA settings) and a QR code to the resident app.
import { useCommunity } from '../../api/community';
import { QrCode, residentAppUrl } from '../../components/QrCode';

const SHOWN = ['燃气', '电梯', '安全隐患', '水电', '环境卫生', '停车'] as const;

export function ServicePromises() {
  const c = useCommunity();
  const hours = (h: number) => (h < 1 ? `${Math.round(h * 60)} 分钟` : `${h} 小时`);
  return (
    <section className="screen-panel" data-testid="screen-promises">
      <h3>服务承诺 · 限时办结</h3>
      <div className="screen-promises">
        {SHOWN.map((cat) => (
          <div key={cat} className="promise">
            <span className="cat">{cat}</span>
            <span className="h">{c ? hours(c.slaHours[cat]) : '—'}</span>
          </div>
        ))}
      </div>
      <div className="screen-qr">
        <QrCode url={residentAppUrl()} size={132} label="扫码打开邻里居民端" testId="screen-qr" />
        <div className="screen-hint">手机扫码进入“邻里”居民端，或在社区微信群里直接说出问题，即可报事</div>
      </div>
    </section>
  );
}
