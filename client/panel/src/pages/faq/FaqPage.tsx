// 自动回复: the rules the group bot and the help page answer with, plus a "try a message" box.
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Popconfirm, Row, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { FaqRuleDto } from '@linli/contracts';
import { faqApi } from '../../api/faq';
import { FaqRuleDrawer } from './FaqRuleDrawer';
import { FaqTryBox } from './FaqTryBox';
import { errorMessage } from '../../lib/errors';

export function FaqPage() {
  const { message } = App.useApp();
  const [rules, setRules] = useState<FaqRuleDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<FaqRuleDto | null | undefined>(undefined);

  useEffect(() => {
    faqApi.list().then((p) => setRules(p.items), (e) => message.error(errorMessage(e, '加载失败'))).finally(() => setLoading(false));
  }, [message]);

  const put = (r: FaqRuleDto) => setRules((list) => (list.some((x) => x.id === r.id) ? list.map((x) => (x.id === r.id ? r : x)) : [r, ...list]));
  const fail = (e: unknown) => message.error(errorMessage(e));

  return (
    <div>
      <div className="page-title">
        <h2>自动回复</h2>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          新建规则
        </Button>
      </div>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card>
            <Table<FaqRuleDto>
              rowKey="id"
              size="middle"
              loading={loading}
              dataSource={rules}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '标题', dataIndex: 'title', width: 140, render: (t: string | undefined, r) => <Typography.Link onClick={() => setEditing(r)}>{t ?? '未命名'}</Typography.Link> },
                {
                  title: '匹配条件',
                  render: (_, r) => (
                    <>
                      {r.keywords.map((k) => <Tag key={k}>{k}</Tag>)}
                      {r.pattern && <Typography.Text code>{r.pattern}</Typography.Text>}
                    </>
                  ),
                },
                { title: '回复', dataIndex: 'answer', render: (a: string) => <Typography.Text ellipsis style={{ maxWidth: 260 }}>{a}</Typography.Text> },
                { title: '优先级', dataIndex: 'priority', width: 80 },
                {
                  title: '启用',
                  width: 70,
                  render: (_, r) => <Switch size="small" aria-label={`启用「${r.title ?? '未命名'}」`} checked={r.enabled} onChange={(enabled) => faqApi.update(r.id, { enabled }).then(put, fail)} />,
                },
                {
                  title: '',
                  width: 70,
                  render: (_, r) => (
                    <Popconfirm title="删除这条规则？" okText="删除" cancelText="取消" onConfirm={() => faqApi.remove(r.id).then(() => setRules((l) => l.filter((x) => x.id !== r.id)), fail)}>
                      <Button size="small" type="link" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <FaqTryBox />
        </Col>
      </Row>
      <FaqRuleDrawer open={editing !== undefined} rule={editing ?? null} onClose={() => setEditing(undefined)} onSaved={(r) => { put(r); setEditing(undefined); }} />
    </div>
  );
}
