// Wraps every page: applies elder-friendly mode and gives tests a stable hook.
import { View } from '@tarojs/components';
import { useEffect, type PropsWithChildren } from 'react';
import { useElderMode } from '../hooks/use-elder';
import { syncH5Chrome } from '../services/h5-chrome';

export function PageFrame({ children, testId }: PropsWithChildren<{ testId: string }>) {
  const elder = useElderMode();
  useEffect(() => syncH5Chrome(elder), [elder]);
  return (
    <View className={`page${elder ? ' elder' : ''}`} data-testid={testId} data-elder={elder ? '1' : '0'}>
      {children}
    </View>
  );
}
