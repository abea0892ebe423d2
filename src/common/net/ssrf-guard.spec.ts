import { HostResolver, SsrfGuard, UnsafeUrl } from './ssrf-guard';

class StubResolver extends HostResolver {
  constructor(private readonly table: Record<string, string[]>) {
    super();
  }
  async resolve(hostname: string): Promise<string[]> {
    return this.table[hostname] ?? [];
  }
}

const resolver = new StubResolver({
  'hooks.example.org': ['93.184.216.34'],
  'rebind.example.org': ['93.184.216.35', '10.0.0.5'],
  'metadata.example.org': ['169.254.169.254'],
  'v6.example.org': ['2a00:1450:4001::1'],
  'mapped.example.org': ['::ffff:127.0.0.1'],
  'receiver.test': ['127.0.0.1'],
});

describe('SsrfGuard', () => {
  const guard = new SsrfGuard(resolver, ['receiver.test', '127.0.0.2']);

  it.each([
    ['http://127.0.0.1/hook', 'loopback literal'],
    ['http://localhost:8080/', 'unresolvable here'],
    ['http://10.1.2.3/', 'private 10/8'],
    ['http://172.16.0.1/', 'private 172.16/12'],
    ['http://192.168.1.1/', 'private 192.168/16'],
    ['http://169.254.169.254/latest/meta-data', 'link-local metadata'],
    ['http://metadata.example.org/', 'name resolving to metadata'],
    ['http://rebind.example.org/', 'one private address among public ones'],
    ['http://[::1]/', 'IPv6 loopback'],
    ['http://[fd00::1]/', 'IPv6 unique local'],
    ['http://mapped.example.org/', 'IPv4-mapped loopback'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::7f00:1]/', 'IPv4-compatible loopback'],
    ['ftp://hooks.example.org/', 'not http'],
    ['http://user:pw@hooks.example.org/', 'credentials in URL'],
  ])('refuses %s (%s)', async (url) => {
    await expect(guard.assertUrlAllowed(url)).rejects.toBeInstanceOf(UnsafeUrl);
  });

  it.each([
    ['https://hooks.example.org/accords'],
    ['https://v6.example.org/'],
    ['http://receiver.test:4000/hook'],
    ['http://127.0.0.2/'],
  ])('accepts %s', async (url) => {
    await expect(guard.assertUrlAllowed(url)).resolves.toBeInstanceOf(URL);
  });
});
