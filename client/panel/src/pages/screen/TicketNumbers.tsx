// Big-screen block: today's received/resolved counts, open tickets split into waiting (待受理) and being handled (正在处理), overdue, and today's categories as bars.
import type { ScreenStats } from '../../lib/screen-stats';

export function TicketNumbers({ stats }: { stats: ScreenStats }) {
  const max = Math.max(1, ...stats.byCategory.map((c) => c.count));
  const cells = [
    { label: '今日受理', value: stats.receivedToday, cls: 'blue' },
    { label: '今日办结', value: stats.resolvedToday, cls: 'green' },
    { label: '待受理', value: stats.waiting, cls: 'orange' },
    { label: '正在处理', value: stats.working, cls: 'cyan' },
    { label: '超时未办', value: stats.overdue, cls: 'red' },
  ];
  return (
    <section className="screen-panel" data-testid="screen-numbers">
      <h3>今日民生服务</h3>
      <div className="screen-numbers">
        {cells.map((c) => (
          <div key={c.label} className={`screen-number ${c.cls}`}>
            <div className="value" data-testid={`screen-${c.label}`}>
              {c.value}
            </div>
            <div className="label">{c.label}</div>
          </div>
        ))}
      </div>
      <h4>今日诉求分类</h4>
      {stats.byCategory.length === 0 ? (
        <div className="screen-empty">今日暂无新诉求</div>
      ) : (
        stats.byCategory.slice(0, 6).map((c) => (
          <div key={c.category} className="screen-bar">
            <span className="name">{c.category}</span>
            <span className="track">
              <span className="fill" style={{ width: `${(c.count / max) * 100}%` }} />
            </span>
            <span className="count">{c.count}</span>
          </div>
        ))
      )}
    </section>
  );
}
