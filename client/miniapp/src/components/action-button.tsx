// A large tappable button that ignores taps while its action is running.
import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { tappable } from '../services/a11y';

interface Props {
  onClick: () => void;
  primary?: boolean;
  small?: boolean;
  disabled?: boolean;
  testId?: string;
}

export function ActionButton({ onClick, primary, small, disabled, testId, children }: PropsWithChildren<Props>) {
  const cls = ['btn', primary && 'btn-primary', small && 'btn-small', disabled && 'btn-disabled'].filter(Boolean).join(' ');
  return (
    <View className={cls} data-testid={testId} onClick={() => !disabled && onClick()} {...tappable({ disabled })}>
      {children}
    </View>
  );
}
