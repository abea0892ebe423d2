import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Injectable } from '@nestjs/common';

export interface DashboardAsset {
  body: Buffer;
  contentType: string;
  /** Short content hash: the ETag and the `?v=` of the URLs the page links to. */
  hash: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The page's static files (script, style sheet, icon), read once at start from `public/` beside this
 * file: `src/dashboard/public` under ts-jest, `dist/src/dashboard/public` after `nest build` (copied by
 * the `assets` entry of nest-cli.json). Missing files stop the process at start, not at the first visit.
 */
@Injectable()
export class DashboardAssets {
  static readonly directory = join(__dirname, 'public');
  private readonly files = new Map<string, DashboardAsset>();

  constructor() {
    const dir = DashboardAssets.directory;
    if (!existsSync(dir)) {
      throw new Error(`Dashboard assets not found in ${dir}: check nest-cli.json "assets".`);
    }
    for (const name of readdirSync(dir)) {
      const contentType = CONTENT_TYPES[extname(name)];
      if (!contentType) continue;
      const body = readFileSync(join(dir, name));
      const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
      this.files.set(name, { body, contentType, hash });
    }
    for (const required of ['dashboard.js', 'dashboard.css']) {
      if (!this.files.has(required))
        throw new Error(`Dashboard asset ${required} missing in ${dir}`);
    }
  }

  get(name: string): DashboardAsset | undefined {
    return this.files.get(name);
  }

  /**
   * The modules the entry script imports, by the URLs the browser resolves them to (`./api.js` from
   * `/assets/dashboard.js`): no `?v=`, so they revalidate with their ETag rather than being cached for good.
   */
  moduleUrls(entry: string): string[] {
    return [...this.files.keys()]
      .filter((name) => name.endsWith('.js') && name !== entry)
      .sort()
      .map((name) => `/assets/${name}`);
  }

  /**
   * Every style sheet, `dashboard.css` first: each area of the page (planning, administration…) keeps
   * its own sheet, cached by content hash like the rest.
   */
  styleUrls(): string[] {
    const sheets = [...this.files.keys()].filter((name) => name.endsWith('.css')).sort();
    return ['dashboard.css', ...sheets.filter((name) => name !== 'dashboard.css')].map((name) =>
      this.url(name),
    );
  }

  /** `/assets/NAME?v=HASH`: a new deployment changes the URL, so browsers may cache for a year. */
  url(name: string): string {
    const asset = this.files.get(name);
    if (!asset) throw new Error(`Unknown dashboard asset ${name}`);
    return `/assets/${name}?v=${asset.hash}`;
  }
}
