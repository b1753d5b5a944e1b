// Big-screen block 每月一题: this month's most reported places and what is happening to them, refreshed every 5 minutes.
import { useEffect, useState } from 'react';
import { shanghaiMonth, type TopProblemsDto } from '@linli/contracts';
import { serviceApi } from '../../api/service';

export function MonthlyProblems() {
  const [data, setData] = useState<TopProblemsDto | null>(null);
  useEffect(() => {
    const load = () => serviceApi.topProblems(shanghaiMonth()).then(setData, () => undefined);
    load();
    const timer = setInterval(load, 5 * 60_000);
    return () => clearInterval(timer);
  }, []);
  if (!data?.items.length) return null;
  return (
    <section className="screen-panel" data-testid="screen-monthly-problems">
      <h3>每月一题 · {Number(data.month.slice(5))}月</h3>
      {data.items.slice(0, 3).map((x) => (
        <div key={`${x.place}|${x.category}`} className="screen-bar">
          <span>{x.category}</span>
          <span>
            {x.place} · {x.reports} 次反映
          </span>
          <span className="count">{x.open ? '处理中' : '已办结'}</span>
        </div>
      ))}
    </section>
  );
}
