// A button for an action that cannot be undone: it asks first (antd Popconfirm, keyboard-reachable), saying what will happen.
import type { ReactNode } from 'react';
import { Button, Popconfirm, type ButtonProps } from 'antd';

interface Props extends Omit<ButtonProps, 'onClick'> {
  /** The question, e.g. 确定提前截止本轮征集？ */
  confirm: string;
  /** What cannot be undone, in one sentence. */
  consequence: string;
  okText?: string;
  onConfirm: () => unknown;
  children: ReactNode;
}

export function ConfirmButton({ confirm, consequence, okText = '确定', onConfirm, children, ...button }: Props) {
  return (
    <Popconfirm title={confirm} description={consequence} okText={okText} cancelText="取消" okButtonProps={{ danger: !!button.danger }} onConfirm={() => void onConfirm()}>
      <Button {...button}>{children}</Button>
    </Popconfirm>
  );
}
