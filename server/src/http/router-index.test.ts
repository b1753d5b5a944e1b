// The indexed router matches exactly the routes koa-router matches, testing only the routes of the request's first two segments.
import Router from '@koa/router';
import { IndexedRouter } from './router-index';

const ROUTES: Array<['get' | 'post' | 'patch', string]> = [
  ['get', '/api/tickets'],
  ['post', '/api/tickets'],
  ['get', '/api/tickets.xlsx'],
  ['get', '/api/tickets/by-no/:no'],
  ['get', '/api/tickets/:id'],
  ['post', '/api/tickets/:id/transition'],
  ['get', '/api/me'],
  ['post', '/api/auth/staff/login'],
  ['get', '/api/:any/ping'],
  ['get', '/health'],
  ['patch', '/api/residents/:id'],
  ['get', '/api/stats/service'],
];

function build<R extends Router>(router: R): R {
  const noop = async () => undefined;
  for (const [method, path] of ROUTES) router[method](path, noop);
  router.get(/^\/legacy\/.*$/, noop);
  return router;
}

const summary = (m: Router.RoutesMatch) => ({ path: m.path.map((l) => String(l.path)), pathAndMethod: m.pathAndMethod.map((l) => String(l.path)), route: m.route });

it('matches what koa-router matches, for every method and path tried', () => {
  const plain = build(new Router());
  const indexed = build(new IndexedRouter());
  const paths = [
    '/api/tickets', '/api/tickets/', '/API/Tickets', '/api/tickets.xlsx', '/api/tickets/by-no/BM-000001', '/api/tickets/64b000000000000000000001',
    '/api/tickets/64b000000000000000000001/transition', '/api/tickets/x/transition/', '/api/me', '/api/me/', '/api/ME', '/api/auth/staff/login',
    '/api/auth/x', '/api/foo/ping', '/api/tickets/ping', '/health', '/health/', '/legacy/a/b', '/api/residents/r1', '/api/stats/service',
    '/api/nothing/here', '/api', '/', '', '/api/tickets#', '/api/ticketsx',
  ];
  let compared = 0;
  for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
    for (const p of paths) {
      expect([method, p, summary(indexed.match(p, method))]).toEqual([method, p, summary(plain.match(p, method))]);
      compared++;
    }
  }
  expect(compared).toBe(paths.length * 4);
  // The stack is whole again after each match.
  expect(indexed.stack).toHaveLength(plain.stack.length);
});

it('tests a request only against its own bucket and the routes that cannot be bucketed', () => {
  const indexed = build(new IndexedRouter());
  const tested: string[] = [];
  for (const layer of indexed.stack) {
    const match = layer.match.bind(layer);
    layer.match = (path: string) => {
      tested.push(String(layer.path));
      return match(path);
    };
  }
  expect(summary(indexed.match('/api/tickets/abc/transition', 'POST')).pathAndMethod).toEqual(['/api/tickets/:id/transition']);
  // Not bucketed: a RegExp path, a parameter in the first two segments, a one-segment path.
  expect(tested.sort()).toEqual(['/^\\/legacy\\/.*$/', '/api/:any/ping', '/health', '/api/tickets', '/api/tickets', '/api/tickets/:id', '/api/tickets/:id/transition', '/api/tickets/by-no/:no'].sort());
  // A route added after the first match is indexed too.
  indexed.get('/api/tickets/:id/late', async () => undefined);
  expect(summary(indexed.match('/api/tickets/abc/late', 'GET')).pathAndMethod).toEqual(['/api/tickets/:id/late']);
});
