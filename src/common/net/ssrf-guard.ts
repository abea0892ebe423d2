import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import * as ipaddr from 'ipaddr.js';

/** Resolves a host name to addresses; replaced in tests so no real DNS is asked. */
export abstract class HostResolver {
  abstract resolve(hostname: string): Promise<string[]>;
}

export class SystemHostResolver extends HostResolver {
  async resolve(hostname: string): Promise<string[]> {
    return (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
  }
}

export class UnsafeUrl extends Error {}

/**
 * Refuses webhook targets that resolve to loopback, private, link-local (cloud metadata at
 * 169.254.169.254), unique-local, multicast, reserved or unspecified addresses — when a URL is saved and
 * again when it is called, through the socket's own lookup, so a DNS answer that changes in between
 * (rebinding) is caught too. Hosts on the explicit allow-list are let through.
 */
export class SsrfGuard {
  private readonly allowed: Set<string>;

  constructor(
    private readonly resolver: HostResolver,
    allowedHosts: string[],
  ) {
    this.allowed = new Set(allowedHosts.map((h) => h.trim().toLowerCase()).filter(Boolean));
  }

  async assertUrlAllowed(raw: string): Promise<URL> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new UnsafeUrl('is not a valid URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new UnsafeUrl('must use http or https');
    }
    if (url.username || url.password) throw new UnsafeUrl('must not carry credentials');
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (this.allowed.has(host)) return url;
    const addresses = ipaddr.isValid(host) ? [host] : await this.resolveOrFail(host);
    for (const address of addresses) this.assertAddressAllowed(host, address);
    return url;
  }

  /** A `lookup` for http.request that only ever connects to vetted addresses. */
  lookupFunction(): LookupFunction {
    return (hostname, options, callback) => {
      this.resolveOrFail(hostname)
        .then((addresses) => {
          if (!this.allowed.has(hostname.toLowerCase())) {
            for (const a of addresses) this.assertAddressAllowed(hostname, a);
          }
          const address = addresses[0];
          const family = ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4;
          if (options.all) callback(null, [{ address, family }]);
          else callback(null, address, family);
        })
        .catch((error: Error) => callback(error, '', 4));
    };
  }

  private async resolveOrFail(host: string): Promise<string[]> {
    const addresses = await this.resolver.resolve(host).catch(() => []);
    if (addresses.length === 0) throw new UnsafeUrl(`host ${host} does not resolve`);
    return addresses;
  }

  private assertAddressAllowed(host: string, address: string): void {
    let parsed = ipaddr.parse(address);
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    }
    const range = parsed.range();
    if (range !== 'unicast') {
      throw new UnsafeUrl(
        `${host} resolves to ${address} (${range}), which webhooks may not reach`,
      );
    }
    // ipaddr.js calls the deprecated IPv4-compatible block ::/96 (e.g. ::7f00:1) unicast.
    const ipv4Compatible =
      parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0);
    if (ipv4Compatible) {
      throw new UnsafeUrl(
        `${host} resolves to ${address} (IPv4-compatible), which webhooks may not reach`,
      );
    }
  }
}
