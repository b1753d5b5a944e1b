// 月度报表: opening balance, income and expense by category, closing balance for each month (current month as a live preview).
import { shanghaiMonth } from '@linli/contracts';
import { useEffect, useState } from 'react';
import { Alert, Card, Col, Empty, Row, Select, Statistic, Table, Tag } from 'antd';
import { formatFen, type LedgerCategoryTotal, type LedgerStatementDto } from '@linli/contracts';
import { ledgerApi } from '../../api/ledger';
import { errorMessage } from '../../lib/errors';

function Totals({ title, rows, color }: { title: string; rows: LedgerCategoryTotal[]; color: string }) {
  return (
    <Card size="small" title={title}>
      <Table<LedgerCategoryTotal>
        rowKey="category"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '无' }}
        columns={[
          { title: '类别', dataIndex: 'category' },
          { title: '笔数', dataIndex: 'count', width: 60 },
          { title: '金额（元）', align: 'right', render: (_, r) => <span style={{ color, fontVariantNumeric: 'tabular-nums' }}>{formatFen(r.amount)}</span> },
        ]}
      />
    </Card>
  );
}

export function LedgerStatementsTab() {
  const thisMonth = shanghaiMonth();
  const [months, setMonths] = useState<string[]>([thisMonth]);
  const [month, setMonth] = useState(thisMonth);
  const [s, setS] = useState<LedgerStatementDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    ledgerApi.statements().then((r) => setMonths([...new Set([thisMonth, ...r.items.map((x) => x.month)])]), () => undefined);
  }, [thisMonth]);
  useEffect(() => {
    ledgerApi.statement(month).then((x) => { setS(x); setError(null); }, (e) => setError(errorMessage(e, '加载失败')));
  }, [month]);

  return (
    <div>
      <Select aria-label="月份" value={month} onChange={setMonth} style={{ width: 160, marginBottom: 16 }} options={months.map((m) => ({ value: m, label: m }))} />
      {error && <Alert type="error" message={error} />}
      {!s ? (
        <Empty />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}><Card><Statistic title="期初余额（元）" value={formatFen(s.openingBalance)} /></Card></Col>
            <Col span={6}><Card><Statistic title="本月收入（元）" value={formatFen(s.income.total)} valueStyle={{ color: '#237804' }} /></Card></Col>
            <Col span={6}><Card><Statistic title="本月支出（元）" value={formatFen(s.expense.total)} valueStyle={{ color: '#cf1322' }} /></Card></Col>
            <Col span={6}><Card><Statistic title="期末余额（元）" value={formatFen(s.closingBalance)} suffix={!s.final && <Tag color="orange">未结账预览</Tag>} /></Card></Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}><Totals title="收入明细" rows={s.income.byCategory} color="#237804" /></Col>
            <Col span={12}><Totals title="支出明细" rows={s.expense.byCategory} color="#cf1322" /></Col>
          </Row>
        </>
      )}
    </div>
  );
}
