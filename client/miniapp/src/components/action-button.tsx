// A large tappable button that ignores taps while its action is running.
import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';

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
    <View className={cls} data-testid={testId} aria-disabled={disabled} onClick={() => !disabled && onClick()}>
      {children}
    </View>
  );
}
