// Wraps every page: applies elder-friendly mode and gives tests a stable hook.
import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from '../hooks/use-elder';

export function PageFrame({ children, testId }: PropsWithChildren<{ testId: string }>) {
  const elder = useElderMode();
  return (
    <View className={`page${elder ? ' elder' : ''}`} data-testid={testId} data-elder={elder ? '1' : '0'}>
      {children}
    </View>
  );
}
