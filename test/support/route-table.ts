import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Every route the HTTP server answers, as `METHOD /path` in Fastify's notation (`/api/agreements/:id`),
 * read from Fastify's own router, so routes outside the OpenAPI document (the dashboard page, the
 * Swagger UI files) are listed too. HEAD is left out: Fastify derives it from each GET.
 */
export function listServerRoutes(app: NestFastifyApplication): string[] {
  const tree = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const routes = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    // `│   ├── /:id (GET, HEAD, PATCH)`: the indent gives the depth, each node extends its parent's path.
    const node = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!node) continue;
    const depth = node[1].length / 4;
    stack.length = depth;
    stack.push(node[2]);
    const path = stack.join('');
    for (const method of (node[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.add(`${method} ${path}`);
    }
  }
  return [...routes].sort();
}

/** `/api/agreements/{id}` (OpenAPI) as `/api/agreements/:id` (Fastify). */
export function fastifyPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}
