// 绑定社区群微信: a one-time code the resident sends to the community group bot (「绑定 123456」) so it knows her WeChat.
import type { BindCodeDto } from '@linli/contracts';
import { api } from './api';

export const myBindCode = () => api.post<BindCodeDto>('/me/bind-code', {});
