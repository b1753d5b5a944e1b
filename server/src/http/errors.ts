// The middleware that turns every failure into one error shape ({ error: { code, message, details? } }).
import type { Context, Next } from 'koa';
import type { ErrorBody } from '@linli/contracts';
import { AppError, STATUS_BY_CODE, toAppError } from '../core/errors';

export { AppError, forbidden, notFound, STATUS_BY_CODE, toAppError, zodDetails } from '../core/errors';

export function errorMiddleware() {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('NOT_FOUND', '接口不存在');
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === 'INTERNAL' || appErr.code === 'UNAVAILABLE') {
        ctx.state.log?.error({ err }, 'request failed');
      }
      const body: ErrorBody = { error: { code: appErr.code, message: appErr.message } };
      if (appErr.details !== undefined && appErr.code !== 'INTERNAL') body.error.details = appErr.details;
      ctx.status = STATUS_BY_CODE[appErr.code];
      ctx.body = body;
    }
  };
}
