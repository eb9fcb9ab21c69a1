// npm run bench: click-to-saved latency and bundle export time in real Chromium, each next to a baseline measured
// in the same run (a plain Playwright element screenshot; `zip -0` of the same files). Figures go to bench-results.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../fixtures';
import { buildExtensionOnce, launchWithExtension } from '../support/browser';
import { unzipBundle } from '../support/bundle-tools';
import { extensionWithScreenshotsGranted } from '../support/extension-variants';
import { startFixtureServer, xFixtures } from '../support/fixture-server';

interface Figure {
  value: number;
  unit: 'ms' | 's' | 'MB' | 'MB/s';
  baseline?: number;
  ratio?: number;
}

const captures = Number(process.env.BENCH_N ?? 20);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function withBaseline(value: number, baseline: number, unit: Figure['unit']): Figure {
  return { value: round(value), unit, baseline: round(baseline), ratio: round(value / baseline) };
}

const round = (n: number) => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'postproof-bench-'));
  const extension = extensionWithScreenshotsGranted(buildExtensionOnce());
  const server = await startFixtureServer();
  const browser = await launchWithExtension({ extensionDir: extension, port: server.port });
  try {
    const page = await browser.context.newPage();
    await page.goto(xFixtures.image.url);
    const post = page.locator('article[data-testid="tweet"]').first();
    const button = page.getByTestId('postproof-preserve').first();
    await button.waitFor();

    const latencies: number[] = [];
    const baselines: number[] = [];
    let previousId: string | null = null;
    for (let i = 0; i < captures; i++) {
      const started = performance.now();
      await button.click();
      // Saved with a new capture id: the previous click's "saved" cannot satisfy the wait.
      await page.waitForFunction(
        (previous) => {
          const b = document.querySelector('postproof-control')?.shadowRoot?.querySelector('button');
          return b?.dataset.state === 'saved' && b.dataset.captureId !== previous;
        },
        previousId,
        { polling: 'raf', timeout: 30_000 },
      );
      latencies.push(performance.now() - started);
      previousId = await button.getAttribute('data-capture-id');

      const baseStart = performance.now();
      await post.screenshot({ path: join(work, 'baseline.png') });
      baselines.push(performance.now() - baseStart);
    }

    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.getByTestId('select-all').check();
    const exportStart = performance.now();
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
    const bundleFile = join(work, 'bundle.zip');
    await download.saveAs(bundleFile);
    const exportMs = performance.now() - exportStart;
    const bundleMb = statSync(bundleFile).size / 1e6;

    const unzipped = unzipBundle(bundleFile);
    const zipStart = performance.now();
    const zipped = spawnSync('zip', ['-q', '-r', '-0', join(work, 'baseline.zip'), '.'], { cwd: unzipped });
    const zipMs = performance.now() - zipStart;
    if (zipped.status !== 0) throw new Error(`zip failed: ${zipped.stderr}`);
    rmSync(unzipped, { recursive: true, force: true });

    const results: Record<string, Figure> = {
      'capture.click-to-saved.median': withBaseline(median(latencies), median(baselines), 'ms'),
      'capture.click-to-saved.max': withBaseline(Math.max(...latencies), Math.max(...baselines), 'ms'),
      'export.bundle.time': withBaseline(exportMs, zipMs, 'ms'),
      'export.bundle.size': { value: round(bundleMb), unit: 'MB' },
      'export.bundle.throughput': { value: round(bundleMb / (exportMs / 1000)), unit: 'MB/s' },
    };
    console.log(`PostProof benchmark: ${captures} captures of ${xFixtures.image.url}`);
    console.log('baselines: Playwright element screenshot of the same post; zip -0 of the same files');
    for (const [name, f] of Object.entries(results)) {
      const base = f.baseline === undefined ? '' : `  baseline ${f.baseline} ${f.unit}  ratio ${f.ratio}`;
      console.log(`${name.padEnd(32)} ${String(f.value).padStart(9)} ${f.unit}${base}`);
    }
    writeFileSync(join(repoRoot, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(join(extension, '..'), { recursive: true, force: true });
  }
}

await main();
