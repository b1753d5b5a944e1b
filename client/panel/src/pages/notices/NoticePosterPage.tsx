// 打印海报: a notice as an A4 bulletin-board poster — big title and text, date, and a QR code that opens it in the resident app (to read in full and mark as read).
import { useEffect, useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { NoticeDto } from '@linli/contracts';
import { useCommunity } from '../../api/community';
import { noticesApi } from '../../api/notices';
import { QrCode, residentAppUrl } from '../../components/QrCode';
import { errorMessage } from '../../lib/errors';
import { fmtTime } from '../../lib/time';
import './poster.css';

export function NoticePosterPage() {
  const { id = '' } = useParams();
  const community = useCommunity();
  const [notice, setNotice] = useState<NoticeDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    noticesApi.get(id).then(setNotice, (e) => setError(errorMessage(e, '加载失败')));
  }, [id]);

  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Link to={`/notices/${id}`}>
          <Button>返回回执</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!notice} data-testid="poster-print">
          打印海报
        </Button>
      </Space>
      {error && <Alert type="error" message={error} />}
      {notice && (
        <article className="poster" data-testid="notice-poster">
          <header className="poster-head">
            <span className="poster-community">{community?.name ?? '社区'}</span>
            <span className="poster-kind">{notice.category === '紧急' ? '紧急通知' : '公告'}</span>
          </header>
          <h1 className="poster-title">{notice.title}</h1>
          <div className="poster-body notice-body" dangerouslySetInnerHTML={{ __html: notice.bodyHtml }} />
          <footer className="poster-foot">
            <div>
              <div className="poster-sign">{community?.name ?? '社区'}居委会</div>
              <div className="poster-date">{fmtTime(notice.publishedAt ?? notice.publishAt ?? notice.createdAt, 'YYYY年MM月DD日')}</div>
            </div>
            <figure className="poster-qr">
              <QrCode url={residentAppUrl(`#/pages/notice/index?id=${notice.id}`)} size={168} label="微信扫码查看全文" testId="poster-qr" />
              <figcaption>微信扫码查看全文</figcaption>
            </figure>
          </footer>
        </article>
      )}
    </div>
  );
}
