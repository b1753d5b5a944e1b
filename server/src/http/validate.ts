// Edge validation: parse body, query or params with a zod schema, or throw a 422 listing what is wrong.
import type { Context } from 'koa';
import { z, type ZodTypeAny } from 'zod';
import { ObjectIdString } from '@linli/contracts';
import { AppError, zodDetails } from './errors';

export function parse<S extends ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('VALIDATION', '提交的内容有误', zodDetails(r.error));
  return r.data;
}

export const body = <S extends ZodTypeAny>(ctx: Context, schema: S): z.output<S> =>
  parse(schema, (ctx.request as unknown as { body?: unknown }).body ?? {});

export const query = <S extends ZodTypeAny>(ctx: Context, schema: S): z.output<S> => parse(schema, { ...ctx.query });

export function idParam(ctx: Context, name = 'id'): string {
  const r = ObjectIdString.safeParse((ctx.params as Record<string, string>)[name]);
  if (!r.success) throw new AppError('VALIDATION', '无效的编号', [{ path: name, message: '无效的编号' }]);
  return r.data;
}
