// 账目: entries by status with approve/reject (a second staff member) and reversal of published ones; CSV export.
import { useState } from 'react';
import { Alert, App, Button, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { LEDGER_KIND_LABELS, LEDGER_STATUS_LABELS, formatFen, type LedgerEntryDto, type LedgerStatus } from '@linli/contracts';
import { ledgerApi } from '../../api/ledger';
import { useSocketEvent } from '../../api/realtime';
import { session } from '../../api/session';
import { PromptModal } from '../../components/PromptModal';
import { errorMessage } from '../../lib/errors';
import { useLiveList } from '../../lib/use-live-list';
import { LedgerEntryModal } from './LedgerEntryModal';
import { ConfirmButton } from '../../components/ConfirmButton';

const STATUS_COLORS: Record<LedgerStatus, string> = { draft: 'orange', published: 'green', rejected: 'default' };
type Ask = { kind: 'reject' | 'reverse'; entry: LedgerEntryDto } | null;

export function LedgerEntriesTab() {
  const { message } = App.useApp();
  const me = session.user()?.id;
  const [status, setStatus] = useState<LedgerStatus | 'all'>('all');
  const [adding, setAdding] = useState(false);
  const [ask, setAsk] = useState<Ask>(null);

  const { items, loading, error, reload: load } = useLiveList<LedgerEntryDto>({
    key: status,
    fetchPage: () => ledgerApi.list({ status: status === 'all' ? undefined : status, limit: 100 }),
  });
  // Another staff member drafting or approving shows up here without a reload; the push carries no entry, so fetch again.
  useSocketEvent('ledger:updated', () => void load());

  const act = (p: Promise<LedgerEntryDto>, done: string) =>
    p.then(() => { message.success(done); load(); }, (e) => message.error(errorMessage(e)));

  return (
    <div>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as LedgerStatus | 'all')}
          options={[{ value: 'all', label: '全部' }, { value: 'draft', label: '待审核' }, { value: 'published', label: '已公开' }, { value: 'rejected', label: '已退回' }]}
        />
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => ledgerApi.csv().catch(() => message.error('导出失败'))}>
            导出 CSV
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            记一笔账
          </Button>
        </Space>
      </Space>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Table<LedgerEntryDto>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '收支', dataIndex: 'kind', width: 70, render: (k: LedgerEntryDto['kind']) => <Tag color={k === 'income' ? 'green' : 'volcano'}>{LEDGER_KIND_LABELS[k]}</Tag> },
          { title: '类别', dataIndex: 'category', width: 100 },
          {
            title: '金额（元）',
            align: 'right',
            width: 130,
            render: (_, e) => <Typography.Text strong style={{ color: e.kind === 'income' ? '#237804' : '#cf1322', fontVariantNumeric: 'tabular-nums' }}>{e.kind === 'income' ? '+' : '-'}{formatFen(e.amount)}</Typography.Text>,
          },
          { title: '说明', render: (_, e) => <>{e.description}{e.counterparty && <Typography.Text type="secondary">（{e.counterparty}）</Typography.Text>}{e.reversesId && <Tag style={{ marginLeft: 6 }}>冲销</Tag>}{e.reversedById && <Tag style={{ marginLeft: 6 }}>已冲销</Tag>}</> },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: LedgerStatus, e) => <Tooltip title={e.rejectReason}><Tag color={STATUS_COLORS[s]}>{LEDGER_STATUS_LABELS[s]}</Tag></Tooltip> },
          { title: '登记 / 审核', width: 150, render: (_, e) => `${e.createdBy?.name ?? '—'} / ${e.approvedBy?.name ?? '—'}` },
          {
            title: '',
            width: 150,
            render: (_, e) => (
              <Space size={0}>
                {e.status === 'draft' && e.createdBy?.id !== me && (
                  <ConfirmButton type="link" size="small" confirm="审核通过并向居民公开？" consequence="公开后不能删除，只能另记一笔冲正。" okText="通过并公开" onConfirm={() => act(ledgerApi.approve(e.id), '已审核并公开')} data-testid="ledger-approve">
                    审核通过
                  </ConfirmButton>
                )}
                {e.status === 'draft' && <Button type="link" size="small" danger onClick={() => setAsk({ kind: 'reject', entry: e })}>退回</Button>}
                {e.status === 'published' && !e.reversedById && !e.reversesId && !e.pendingReversalId && <Button type="link" size="small" onClick={() => setAsk({ kind: 'reverse', entry: e })}>冲销</Button>}
              </Space>
            ),
          },
        ]}
      />
      <LedgerEntryModal open={adding} onClose={() => setAdding(false)} onCreated={() => { setAdding(false); load(); }} />
      <PromptModal
        open={ask !== null}
        title={ask?.kind === 'reject' ? '退回这笔账' : '冲销这笔账（生成一笔反向分录，待审核）'}
        placeholder={ask?.kind === 'reject' ? '退回原因' : '冲销原因，例如：金额录入错误'}
        onCancel={() => setAsk(null)}
        onOk={async (reason) => {
          const a = ask;
          setAsk(null);
          if (a?.kind === 'reject') await act(ledgerApi.reject(a.entry.id, reason), '已退回');
          if (a?.kind === 'reverse') await act(ledgerApi.reverse(a.entry.id, reason), '已生成冲销分录，待审核');
        }}
      />
    </div>
  );
}
