// Asks the community's FAQ auto-reply (the same rules the group bot answers with).
import type { FaqMatchResult } from '@linli/contracts';
import { api } from './api';

export const askFaq = (text: string) => api.post<FaqMatchResult>('/faq/match', { text });
