// Extra inbox columns (board posts awaiting reply, open alerts), each added once its server API exists.
import type { ComponentType } from 'react';
import { AlertInboxPanel } from './AlertInboxPanel';
import { PostInboxPanel } from './PostInboxPanel';

export const INBOX_PANELS: ComponentType[] = [AlertInboxPanel, PostInboxPanel];
