// Big-screen block: current published notices, one at a time, rotating every 12 s; a new one jumps to the front.
import { useEffect, useState } from 'react';
import type { NoticeDto } from '@linli/contracts';
import { noticesApi } from '../../api/notices';
import { useSocketEvent } from '../../api/realtime';
import { fmtTime } from '../../lib/time';
import { useLiveList } from '../../lib/use-live-list';

const ROTATE_MS = 12_000;

const current = (n: NoticeDto, now = Date.now()) => n.status === 'published' && (!n.expiresAt || new Date(n.expiresAt).getTime() > now);

export function NoticeRotator() {
  const { items: notices, apply } = useLiveList<NoticeDto>({
    key: 'published',
    fetchPage: async () => ({ items: (await noticesApi.list({ status: 'published', limit: 10 })).items.filter((n) => current(n)) }),
  });
  const [index, setIndex] = useState(0);

  useEffect(() => {
    const t = setInterval(() => setIndex((i) => i + 1), ROTATE_MS);
    return () => clearInterval(t);
  }, []);
  useSocketEvent('notice:published', (n) => {
    const notice = n as NoticeDto;
    if (!current(notice)) return;
    apply((list) => [notice, ...list.filter((x) => x.id !== notice.id)].slice(0, 10));
    setIndex(0);
  });

  const n = notices.length ? notices[index % notices.length] : null;
  return (
    <section className="screen-panel screen-notice" data-testid="screen-notice">
      <h3>
        社区公告
        {notices.length > 1 && <span className="pager">{(index % notices.length) + 1} / {notices.length}</span>}
      </h3>
      {n ? (
        <div key={n.id} className="screen-notice-body">
          <div className="title" data-testid="screen-notice-title">
            {n.category === '紧急' && <span className="urgent">紧急</span>}
            {n.title}
          </div>
          <div className="meta">
            {n.category} · {fmtTime(n.publishedAt, 'MM月DD日 HH:mm')}
          </div>
          <div className="text" dangerouslySetInnerHTML={{ __html: n.bodyHtml }} />
        </div>
      ) : (
        <div className="screen-empty">暂无公告</div>
      )}
    </section>
  );
}
