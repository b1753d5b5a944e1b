// 通知详情: the notice's Markdown (rendered and sanitised by the server), attachments; opening it marks it read.
import { RichText, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { NoticeDto } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { useAsyncAction } from '../../hooks/use-async-action';
import { whenLoggedIn } from '../../services/auth';
import { absoluteUrl } from '../../services/config';
import { formatTime } from '../../services/format';
import { getNotice, markNoticeRead } from '../../services/notices';
import { tappable } from '../../services/a11y';
import { noticeShare } from '../../services/share';

export default function NoticePage() {
  const { params } = useRouter();
  const id = String(params.id ?? '');
  const [notice, setNotice] = useState<NoticeDto | null>(null);
  const load = useAsyncAction(
    useCallback(async () => {
      const n = await getNotice(id);
      setNotice(n);
      if (!n.readAt) setNotice(await markNoticeRead(id));
    }, [id]),
  );
  useDidShow(() => {
    whenLoggedIn(() => load.run());
  });
  // 转发: the card names the notice and opens it (the mini-program only; H5 shares the address).
  useShareAppMessage(() => noticeShare(id, notice));

  const openAttachment = (url: string, mime: string) => {
    if (mime.startsWith('image/')) void Taro.previewImage({ urls: [absoluteUrl(url)] });
    else if (process.env.TARO_ENV === 'h5') window.open(url, '_blank');
    else
      void Taro.downloadFile({ url: absoluteUrl(url) })
        .then((r) => Taro.openDocument({ filePath: r.tempFilePath }))
        .catch(() => load.setError('附件打开失败，请稍后再试'));
  };

  return (
    <PageFrame testId="notice-page">
      <ErrorBanner message={load.error} />
      {load.error && !notice && <ActionButton onClick={() => void load.run()}>重试</ActionButton>}
      {notice && (
        <View className="card">
          <View>
            {notice.pinned && <Text className="tag tag-pinned">置顶</Text>}
            <Text className="tag">{notice.category}</Text>
          </View>
          <View className="section-title" data-testid="notice-detail-title">
            {notice.title}
          </View>
          <View className="muted">
            {formatTime(notice.publishedAt ?? notice.createdAt)}
            {notice.readAt ? ' · 已读' : ''}
          </View>
          <View className="gap rich" data-testid="notice-body">
            <RichText nodes={notice.bodyHtml} />
          </View>
          {notice.attachments.length > 0 && (
            <View className="gap">
              <View className="strong">附件</View>
              {notice.attachments.map((a, i) => (
                <View key={a.id} className="btn" onClick={() => openAttachment(a.url, a.mime)} {...tappable()}>
                  附件 {i + 1}（{a.mime.startsWith('image/') ? '图片' : a.mime === 'application/pdf' ? 'PDF' : '文件'}，{Math.ceil(a.size / 1024)} KB）
                </View>
              ))}
            </View>
          )}
        </View>
      )}
    </PageFrame>
  );
}
