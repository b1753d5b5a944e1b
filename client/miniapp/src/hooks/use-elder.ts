// Whether the current page renders in elder-friendly mode.
import { elderChoice, isElderMode } from '../store/elder';
import { session } from '../store/session';
import { useStore } from '../store/create-store';

export function useElderMode(): boolean {
  const choice = useStore(elderChoice);
  const { resident } = useStore(session);
  return isElderMode(choice, resident);
}
