// Generates the OpenAPI 3.1 document from the features' route tables: auth, parameters, bodies, responses and the error envelope of every operation.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z, type ZodTypeAny } from 'zod';
import { ERROR_CODES } from '@linli/contracts';
import type { AnyRoute, RouteAuth } from '../core/feature';
import { STATUS_BY_CODE } from '../core/errors';

// The generator reads its metadata through zod's prototype; contracts and server share one zod, so this covers every schema.
extendZodWithOpenApi(z);

const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().describe('给用户看的中文说明'),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .describe('Every error response has this shape.');

const AUTH_TEXT: Record<Exclude<RouteAuth, readonly unknown[]>, string> = {
  public: 'Public: no token.',
  device: "A device key: `Authorization: Bearer <device key>`.",
  'signed-in': 'Any signed-in caller: staff, resident or the bot.',
  staff: 'Staff (any role).',
  resident: 'Residents only.',
  bot: 'The group bot (its service token) only.',
};

export function describeAuth(auth: RouteAuth): string {
  if (typeof auth === 'string') return AUTH_TEXT[auth as keyof typeof AUTH_TEXT];
  return auth.length ? `Staff with one of the roles: ${auth.join(', ')} (admin always).` : AUTH_TEXT.staff;
}

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Error statuses an operation can answer with, from how it is called and what it declares. */
function errorCodes(def: AnyRoute): string[] {
  const codes = new Set<string>(['INTERNAL', 'UNAVAILABLE']);
  if (def.params || def.query || def.body || def.rawBody) codes.add('VALIDATION');
  if (def.auth !== 'public') codes.add('UNAUTHORIZED');
  if (def.auth !== 'public' && def.auth !== 'signed-in' && def.auth !== 'device') codes.add('FORBIDDEN');
  if (def.params) codes.add('NOT_FOUND');
  if (def.body || def.rawBody) codes.add('TOO_LARGE');
  for (const c of def.errors ?? []) codes.add(c);
  return [...codes];
}

export function openApiDocument(routes: AnyRoute[], info: { title: string; version: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'Staff, resident or bot token; device key for device routes.' });
  const errorRef = registry.register('Error', ErrorEnvelope);

  for (const def of routes) {
    const errors = errorCodes(def);
    const responses: Record<string, { description: string; content?: Record<string, { schema: ZodTypeAny | object }> }> = {};
    const ok = String(def.status ?? 200);
    if (def.responseType) responses[ok] = { description: 'Success', content: { [def.responseType]: { schema: { type: 'string', format: 'binary' } } } };
    else responses[ok] = { description: 'Success', content: { 'application/json': { schema: def.response ?? z.unknown() } } };
    for (const code of errors) {
      const status = String(STATUS_BY_CODE[code as keyof typeof STATUS_BY_CODE]);
      responses[status] = { description: code, content: { 'application/json': { schema: errorRef } } };
    }
    const request: Record<string, unknown> = {};
    if (def.params) request.params = def.params;
    if (def.query) request.query = def.query;
    if (def.body) request.body = { content: { 'application/json': { schema: def.body } } };
    if (def.rawBody) request.body = { description: def.rawBody.description, content: { [def.rawBody.contentType]: { schema: { type: 'string', format: 'binary' } } } };
    registry.registerPath({
      method: def.method,
      path: toOpenApiPath(def.path),
      summary: def.summary,
      description: [def.description, `**Auth:** ${describeAuth(def.auth)}`].filter(Boolean).join('\n\n'),
      tags: [def.path.split('/')[2] ?? 'api'],
      security: def.auth === 'public' ? [] : [{ bearer: [] }],
      request: request as never,
      responses: responses as never,
      'x-linli-auth': typeof def.auth === 'string' ? def.auth : { staffRoles: [...def.auth] },
    } as never);
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { ...info, description: 'Linli 邻里 — every operation of the server, generated from the route tables.' },
    servers: [{ url: '/' }],
  });
}
