// Turns any failure (server error body, HTTP status, network) into one clear Chinese sentence for the resident.
import type { ErrorCode } from '@linli/contracts';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK' | 'OFFLINE',
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const BY_STATUS: Record<number, string> = {
  400: '请求有误，请检查后重试',
  401: '登录已过期，请重新登录',
  403: '没有权限进行此操作',
  404: '内容不存在或已被删除',
  409: '状态已变化，请刷新后再试',
  413: '文件太大，请换一个小一些的文件',
  422: '填写的内容有误，请检查后重试',
  429: '操作太频繁，请稍后再试',
};

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';
export const OFFLINE_MESSAGE = '当前没有网络，请联网后再提交，您填写的内容已保留';

const CODES: ErrorCode[] = ['VALIDATION', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_LARGE', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL'];

/** Builds an ApiError from an HTTP status and whatever body came back. */
export function fromResponse(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const code = (CODES as string[]).includes(err?.code ?? '') ? (err!.code as ErrorCode) : status >= 500 ? 'INTERNAL' : 'VALIDATION';
  // Server messages for residents are Chinese already; 5xx details are never shown.
  const serverMsg = status < 500 && err?.message && /[\u4e00-\u9fa5]/.test(err.message) ? err.message : undefined;
  const message = serverMsg ?? BY_STATUS[status] ?? (status === 503 ? '服务暂时不可用，请稍后再试' : '服务器开小差了，请稍后再试');
  return new ApiError(message, status, code, err?.details);
}

/** The message to show for anything thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  const errMsg = (e as { errMsg?: string } | null)?.errMsg;
  if (errMsg && /cancel/i.test(errMsg)) return '已取消';
  if (errMsg && /fail/i.test(errMsg)) return NETWORK_MESSAGE;
  return '出了点问题，请稍后再试';
}
