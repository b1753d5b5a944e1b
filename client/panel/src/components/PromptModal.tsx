// A small modal asking for one required line of text (a reason for hiding, a note), then calling onOk with it.
import { useEffect, useState } from 'react';
import { Input, Modal } from 'antd';

interface Props {
  open: boolean;
  title: string;
  placeholder?: string;
  maxLength?: number;
  onOk: (text: string) => Promise<void> | void;
  onCancel: () => void;
}

export function PromptModal({ open, title, placeholder, maxLength = 200, onOk, onCancel }: Props) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) setText('');
  }, [open]);
  const ok = async () => {
    setBusy(true);
    try {
      await onOk(text.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} okText="确定" cancelText="取消" onCancel={onCancel} onOk={ok} okButtonProps={{ disabled: !text.trim() }} confirmLoading={busy}>
      <Input.TextArea autoFocus rows={3} value={text} maxLength={maxLength} showCount placeholder={placeholder} onChange={(e) => setText(e.target.value)} data-testid="prompt-input" />
    </Modal>
  );
}
