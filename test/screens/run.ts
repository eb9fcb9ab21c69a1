// npm run docs:screens: screenshots of every extension page into docs/screens/<language>/<page>.png.
//   npm run docs:screens            English and Arabic
//   npm run docs:screens -- ar      one language
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../fixtures';
import { makePageScreens } from '../support/page-screens';
import type { TourLanguage } from '../support/page-tour';

const asked = process.argv.slice(2).filter((a): a is TourLanguage => a === 'en' || a === 'ar');
const started = Date.now();
const results = await makePageScreens(join(repoRoot, 'docs', 'screens'), asked.length ? asked : ['en', 'ar']);
for (const r of results) {
  console.log(`${r.language}: ${(r.ms / 1000).toFixed(1)} s, ${r.screens.length} pages`);
  for (const s of r.screens) {
    console.log(`  ${relative(repoRoot, s.file)}  ${s.width}x${s.height}  ${Math.round(statSync(s.file).size / 1024)} KB  dir=${s.dir} lang=${s.lang}`);
  }
}
console.log(`page screenshots: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
