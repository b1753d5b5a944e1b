// Enter paper ballots from a residents' meeting (its record: name, date, place, minutes-taker), one row per registered household; duplicates are reported back.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { shanghaiDay, type WishPaperVotes, type WishRoundDto } from '@linli/contracts';
import { useCommunity } from '../../api/community';
import { wishlistApi } from '../../api/wishlist';
import { errorMessage } from '../../lib/errors';

export function PaperBallotsModal({ round, open, onClose, onDone }: { round: WishRoundDto; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message, modal } = App.useApp();
  const community = useCommunity();
  const [form] = Form.useForm<WishPaperVotes>();
  const [saving, setSaving] = useState(false);

  const submit = async (v: WishPaperVotes) => {
    setSaving(true);
    try {
      const r = await wishlistApi.paperVotes(round.id, v);
      message.success(`已录入 ${r.recorded} 张选票`);
      if (r.duplicates.length)
        modal.warning({ title: '以下住户已投过票，未重复计入', content: r.duplicates.map((d) => `${d.household}（${d.existingSource === 'app' ? '小程序' : '纸质'}）`).join('、') });
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(errorMessage(e, '录入失败'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} width={760} title="录入纸质选票" okText="录入" cancelText="取消" confirmLoading={saving} onCancel={onClose} onOk={() => form.submit()} destroyOnClose>
      <Form form={form} onFinish={submit} preserve={false} initialValues={{ ballots: [{}] }} layout="vertical">
        {/* The meeting record every ballot of the batch references: who can vouch for these sheets, where and when. */}
        <Space align="baseline" wrap>
          <Form.Item name={['meeting', 'name']} label="会议" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}>
            <Input maxLength={100} placeholder="例如：第29次居民代表大会" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name={['meeting', 'date']} label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
            <Input type="date" max={shanghaiDay()} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name={['meeting', 'place']} label="地点" rules={[{ required: true, whitespace: true, message: '请填写会议地点' }]}>
            <Input maxLength={100} placeholder="例如：社区二楼会议室" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name={['meeting', 'minutesTaker']} label="记录人" rules={[{ required: true, whitespace: true, message: '请填写会议记录人' }]}>
            <Input maxLength={40} style={{ width: 110 }} />
          </Form.Item>
        </Space>
        <Form.List name="ballots">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'household', 'building']} rules={[{ required: true, message: '楼栋' }]}>
                    <Select placeholder="楼栋" aria-label="楼栋" style={{ width: 100 }} options={(community?.buildings ?? []).map((b) => ({ value: b, label: b }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'household', 'unit']} rules={[{ required: true, message: '单元' }]}>
                    <Input placeholder="单元" style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'household', 'room']} rules={[{ required: true, message: '房号' }]}>
                    <Input placeholder="房号" style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'itemIds']} rules={[{ required: true, message: '所选项' }, { validator: (_, v: string[] | undefined) => (!v || v.length <= round.maxChoices ? Promise.resolve() : Promise.reject(new Error(`最多选 ${round.maxChoices} 项`))) }]}>
                    <Select mode="multiple" placeholder={`所选项（最多 ${round.maxChoices} 项）`} style={{ width: 320 }} options={round.items.map((i) => ({ value: i.id, label: `#${i.no} ${i.title}` }))} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                再加一张选票
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
