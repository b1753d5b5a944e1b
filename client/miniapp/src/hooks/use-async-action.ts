// Runs a user action once at a time and keeps its Chinese error message for display.
import { useCallback, useRef, useState } from 'react';
import { messageOf } from '../services/errors';

export function useAsyncAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setError(null);
      try {
        return await fn(...args);
      } catch (e) {
        setError(messageOf(e));
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [fn],
  );
  return { run, busy, error, setError };
}
