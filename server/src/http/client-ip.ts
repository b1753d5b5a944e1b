// The client's address: the connection's, or X-Forwarded-For walked right to left only through proxies we were told to trust.
import type { Context, Next } from 'koa';
import proxyaddr from 'proxy-addr';

/**
 * Sets ctx.ip for everything after it (login throttling, device sources, logs). Koa's own `proxy: true` believes the
 * leftmost X-Forwarded-For entry from anyone; proxy-addr (what Express uses) stops at the first hop not in the list.
 */
export function clientIp(trusted: readonly string[]) {
  const trust = proxyaddr.compile([...trusted]);
  return async (ctx: Context, next: Next) => {
    ctx.request.ip = proxyaddr(ctx.req, trust);
    await next();
  };
}
