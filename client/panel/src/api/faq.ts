// Typed calls to the FAQ auto-reply rules (see contracts/src/faq.ts).
import type { FaqMatchResult, FaqRuleCreate, FaqRuleDto, FaqRulePatch, Page } from '@linli/contracts';
import { api, get, patch, post } from './http';

export const faqApi = {
  list: () => get<Page<FaqRuleDto>>('/api/faq/rules?limit=100'),
  create: (r: FaqRuleCreate) => post<FaqRuleDto>('/api/faq/rules', r),
  update: (id: string, p: FaqRulePatch) => patch<FaqRuleDto>(`/api/faq/rules/${id}`, p),
  remove: (id: string) => api<void>('DELETE', `/api/faq/rules/${id}`),
  test: (r: { keywords?: string[]; pattern?: string; text: string }) => post<{ matched: boolean; score: number }>('/api/faq/rules/test', r),
  match: (text: string) => post<FaqMatchResult>('/api/faq/match', { text }),
};
