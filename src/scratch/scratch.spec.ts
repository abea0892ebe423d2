import { writeFileSync } from 'node:fs';
import { AppConfig } from '../config/app-config';
import { renderPackHtml } from '../meeting-packs/pack-html';
import { samplePackInput } from '../meeting-packs/pack-fixture';
import { buildPackModel } from '../meeting-packs/pack-model';
import { PdfRenderer } from '../meeting-packs/pdf-renderer';
it('scratch', async () => {
  const r = new PdfRenderer(new AppConfig());
  const html = renderPackHtml(buildPackModel(samplePackInput()), ['fr', 'ar']);
  writeFileSync('/tmp/pack.html', html);
  writeFileSync('/tmp/pack.pdf', await r.render(html));
  await r.onApplicationShutdown();
});
