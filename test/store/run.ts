// npm run store:screenshots: the store listing's screenshots into docs/store/<language>/ (docs/store/README.md).
//   npm run store:screenshots            English and Arabic
//   npm run store:screenshots -- ar      one language
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../fixtures';
import { makeStoreScreenshots, type StoreLanguage } from '../support/store-screenshots';

const asked = process.argv.slice(2).filter((a): a is StoreLanguage => a === 'en' || a === 'ar');
const started = Date.now();
const results = await makeStoreScreenshots(join(repoRoot, 'docs', 'store'), asked.length ? asked : ['en', 'ar']);
for (const r of results) {
  console.log(`${r.language}: ${(r.ms / 1000).toFixed(1)} s, post ${r.postControlState} ("${r.postControlLabel}"), ${r.dashboardRows} rows, verdict ${r.verdict}`);
  for (const shot of r.shots) {
    console.log(`  ${relative(repoRoot, shot.file)}  ${Math.round(statSync(shot.file).size / 1024)} KB  dir=${shot.dir} lang=${shot.lang}`);
  }
}
console.log(`store screenshots: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
