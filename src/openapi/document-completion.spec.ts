import type { OpenAPIObject } from '@nestjs/swagger';
import { completeDocument, errorStatuses, PUBLIC_EXTENSION } from './document-completion';

describe('errorStatuses', () => {
  const body = { requestBody: {} };
  const query = { parameters: [{ name: 'page', in: 'query' }] };
  const isPublic = { [PUBLIC_EXTENSION]: true };
  it.each([
    ['get', '/api/health', isPublic, ['429', '500', '503']],
    ['post', '/api/auth/login', { ...isPublic, ...body }, ['400', '413', '429', '500', '503']],
    ['get', '/api/me', {}, ['401', '403', '429', '500', '503']],
    ['get', '/api/users', query, ['400', '401', '403', '429', '500', '503']],
    [
      'post',
      '/api/agreements',
      body,
      ['400', '401', '403', '409', '413', '422', '429', '500', '503'],
    ],
    [
      'patch',
      '/api/activities/{id}',
      { ...body, parameters: [{ name: 'id', in: 'path' }] },
      ['400', '401', '403', '404', '409', '413', '429', '500', '503'],
    ],
    ['delete', '/api/webhooks/{id}', {}, ['401', '403', '404', '429', '500', '503']],
  ])('%s %s %j → %j', (method, path, operation, statuses) => {
    expect(errorStatuses(method, path, operation)).toEqual(statuses);
  });
});

describe('completeDocument', () => {
  // Cast: the swagger types do not admit the x-public extension the controllers' metadata carries.
  const document = (): OpenAPIObject =>
    ({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      components: {},
      paths: {
        '/api/things/{id}': {
          get: {
            tags: ['things'],
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {
              '200': {
                description: 'a file',
                content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
              },
            },
          },
        },
        '/api/open': {
          post: { [PUBLIC_EXTENSION]: true, responses: { '401': { description: 'mine' } } },
        },
        '/api/things': { post: { requestBody: {}, responses: {} } },
      },
    }) as unknown as OpenAPIObject;

  it('marks public operations `security: []` and every other one bearer or cookie', () => {
    const { paths } = completeDocument(document());
    expect(paths['/api/open'].post?.security).toEqual([]);
    expect(paths['/api/open'].post).not.toHaveProperty(PUBLIC_EXTENSION);
    expect(paths['/api/things/{id}'].get?.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });

  it('keeps declared responses, filling their problem+json content and headers', () => {
    const open = completeDocument(document()).paths['/api/open'].post;
    expect(open?.responses['401']).toMatchObject({
      description: 'mine',
      content: { 'application/problem+json': {} },
      headers: { 'X-RateLimit-Limit': {} },
    });
  });

  it('adds 429 with Retry-After, uuid ids, and drops the schema of downloaded files', () => {
    const { paths, tags } = completeDocument(document());
    const get = paths['/api/things/{id}'].get;
    expect(Object.keys(get?.responses['429'] ?? {})).toEqual(
      expect.arrayContaining(['content', 'headers']),
    );
    expect((get?.responses['429'] as { headers: object }).headers).toHaveProperty('Retry-After');
    expect(get?.parameters?.[0]).toMatchObject({ schema: { format: 'uuid', maxLength: 36 } });
    expect(get?.responses['200']).toEqual(expect.objectContaining({ content: { 'text/csv': {} } }));
    expect(tags).toEqual([{ name: 'things' }]);
  });

  it('documents Idempotency-Key and its 422 on signed-in POSTs only', () => {
    const { paths } = completeDocument(document());
    const create = paths['/api/things'].post;
    expect(create?.parameters).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    ]);
    expect(create?.responses).toHaveProperty('422');
    expect(paths['/api/open'].post?.parameters ?? []).toEqual([]);
    expect(paths['/api/open'].post?.responses).not.toHaveProperty('422');
  });
});
