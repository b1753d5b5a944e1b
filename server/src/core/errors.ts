// AppError and the code→status table: the one error shape every layer throws.
import { ZodError } from 'zod';
import type { ErrorCode } from '@linli/contracts';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在`);
export const forbidden = (msg = '没有权限执行此操作') => new AppError('FORBIDDEN', msg);

export function zodDetails(err: ZodError) {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Converts any thrown value into an AppError; unknown errors become INTERNAL. */
const CLIENT_ERRORS: Record<number, [ErrorCode, string]> = {
  400: ['VALIDATION', '请求格式错误'],
  401: ['UNAUTHORIZED', '请先登录'],
  403: ['FORBIDDEN', '没有权限执行此操作'],
  404: ['NOT_FOUND', '接口不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持的请求方法'],
  406: ['VALIDATION', '不支持的响应格式'],
  411: ['VALIDATION', '缺少内容长度'],
  414: ['VALIDATION', '请求地址太长'],
  431: ['VALIDATION', '请求头太大'],
};

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return new AppError('VALIDATION', '提交的内容有误', zodDetails(err));
  const e = err as { status?: number; type?: string; name?: string; code?: number };
  if (e?.status === 413 || e?.type === 'entity.too.large') return new AppError('TOO_LARGE', '提交的内容太大');
  if (e?.status === 400 && (e.type === 'entity.parse.failed' || e.name === 'SyntaxError'))
    return new AppError('VALIDATION', '请求格式错误（JSON 无法解析）');
  if (e?.status === 415) return new AppError('VALIDATION', '不支持的内容类型');
  if (e?.name === 'MongoServerSelectionError' || e?.name === 'MongoNetworkError' || e?.name === 'MongooseServerSelectionError')
    return new AppError('UNAVAILABLE', '服务暂时不可用，请稍后再试');
  // Any other library's client error (koa's http-errors: bad URL encoding, a method a router refuses, …) stays a client error.
  const byStatus = CLIENT_ERRORS[e?.status ?? 0];
  if (byStatus) return new AppError(byStatus[0], byStatus[1]);
  return new AppError('INTERNAL', '服务器内部错误');
}
