// The community's sensitive-word list: posts and replies containing one are held for review instead of published.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Select } from 'antd';
import { BOARD_LIMITS } from '@linli/contracts';
import { sensitiveWordsApi } from '../../api/board';
import { errorMessage } from '../../lib/errors';

export function SensitiveWordsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [words, setWords] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) sensitiveWordsApi.get().then((r) => setWords(r.words), (e) => message.error(errorMessage(e, '加载失败')));
  }, [open, message]);
  const save = async () => {
    setSaving(true);
    try {
      setWords((await sensitiveWordsApi.put(words)).words);
      message.success('敏感词已保存');
      onClose();
    } catch (e) {
      message.error(errorMessage(e, '保存失败'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer open={open} onClose={onClose} width={480} title="敏感词" extra={<Button type="primary" loading={saving} onClick={save}>保存</Button>}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message="含敏感词的留言和回复会先进入「待审核」，由工作人员审核后再发布" />
      <Select mode="tags" open={false} style={{ width: '100%' }} value={words} onChange={setWords} tokenSeparators={[',', '，', ' ']} placeholder="输入后回车添加" maxCount={BOARD_LIMITS.sensitiveWords} />
    </Drawer>
  );
}
