// The API's own description: the OpenAPI 3.1 document generated from every face's route table, and a readable page (Swagger UI, served locally).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { route, type AnyRoute } from '../../core/feature';
import { AppError } from '../../core/errors';
import { openApiDocument } from '../../http/openapi';
import type { LinliFace } from '../feature-core';

const UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

// No inline script: the page loads its initializer from a file, so a strict Content-Security-Policy can forbid inline code.
const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>邻里 Linli API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });\n`;

export function docsFeature(allRoutes: () => AnyRoute[]): LinliFace<Record<string, never>> {
  let doc: unknown;
  const routes: AnyRoute[] = [
    route({
      method: 'get', path: '/api/openapi.json', auth: 'public',
      summary: 'This document: every operation with its auth, parameters, body, responses and the error envelope',
      handler() {
        doc ??= openApiDocument(allRoutes(), { title: '邻里 Linli API', version: '1' });
        return doc;
      },
    }),
    route({
      method: 'get', path: '/api/docs', auth: 'public', responseType: 'text/html',
      summary: 'The API document as a readable page',
      handler({ ctx }) {
        ctx.type = 'text/html; charset=utf-8';
        return PAGE;
      },
    }),
    route({
      method: 'get', path: '/api/docs/assets/:file', auth: 'public', responseType: 'application/octet-stream',
      params: z.object({ file: z.string().max(64) }),
      summary: 'Static files of the API page',
      handler({ ctx, params }) {
        if (params.file === 'init.js') {
          ctx.type = 'application/javascript; charset=utf-8';
          return INIT;
        }
        const type = UI_FILES[params.file];
        if (!type) throw new AppError('NOT_FOUND', '文件不存在');
        ctx.type = type;
        ctx.set('Cache-Control', 'public, max-age=86400');
        return fs.createReadStream(path.join(UI_DIR, params.file));
      },
    }),
  ];
  return { name: 'docs', api: {}, routes };
}
