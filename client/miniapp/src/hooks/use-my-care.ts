// The resident's own 平安打卡 status and the check-in action, shared by the elder home and 我的.
import { useState } from 'react';
import type { MyCareDto } from '@linli/contracts';
import { checkIn, myCare } from '../services/care';
import { useAsyncAction } from './use-async-action';

export function useMyCare() {
  const [care, setCare] = useState<MyCareDto | null>(null);
  const load = useAsyncAction(async () => setCare(await myCare()));
  const check = useAsyncAction(async () => {
    await checkIn();
    setCare(await myCare());
  });
  return { care, setCare, load, check };
}
