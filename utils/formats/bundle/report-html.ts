// report.html: a readable, script-free page with one section per capture; every value from a post is escaped.

import { compareClocks, formatOffset } from '../../provenance/clock-compare';
import { authorLabel, type CaptureSummary } from '../../evidence/capture-summary';
import type { ThreadRecord } from '../../model';
import { captureFilePath, CUSTODY_FILE, SIGNER_KEY_FILE, VERIFY_GUIDE_FILE } from './layout';
import { threadsSection } from './report-threads';

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
section{border-top:2px solid #ccc;padding:1rem 0}
img{max-width:100%;border:1px solid #ccc}
.text{white-space:pre-wrap;border-left:4px solid #888;padding:.5rem 1rem;background:#f6f6f6}
dt{font-weight:600}dd{margin:0 0 .5rem 0;overflow-wrap:anywhere}
code{font-size:13px;overflow-wrap:anywhere}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}
.missing{color:#a00}
.times td:nth-child(3){white-space:nowrap}`;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only http(s) URLs become links: a `javascript:` permalink from a hostile page must stay inert text. */
function linkOrText(url: string | undefined): string {
  if (!url) return '<em>unknown</em>';
  const safe = /^https?:\/\//i.test(url);
  return safe ? `<a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(url)}</a>` : escapeHtml(url);
}

function field(label: string, html: string): string {
  return `<dt>${escapeHtml(label)}</dt><dd>${html}</dd>`;
}

function text(value: string | undefined): string {
  return value ? escapeHtml(value) : '<em>unknown</em>';
}

const CLOCK_MEANING = [
  'the collector’s computer clock: PostProof records it, nobody vouches for it',
  'the HTTP Date the platform’s server sent with the post’s media: a second clock, reported by the collector’s browser',
  'an independent timestamp authority signed the SHA-256 of capture.json at this time: the record existed, unchanged, no later than this',
];

/** The three clocks in one table: what each said and how far it was from the collector's clock. */
function timesTable(s: CaptureSummary): string {
  const readings = compareClocks({ capturedAt: s.capturedAt, serverDate: s.serverDate, tsa: s.timestamps.map((t) => ({ name: t.tsa, genTime: t.genTime })) });
  const rows = readings.map((reading, index) => {
    const meaning = CLOCK_MEANING[Math.min(index, 2)]!;
    const difference = index === 0 ? '—' : formatOffset(reading.offsetMs);
    return `<tr><td>${escapeHtml(reading.label)}</td><td><code>${escapeHtml(reading.time)}</code></td><td>${escapeHtml(difference)}</td><td>${escapeHtml(meaning)}</td></tr>`;
  });
  if (!s.serverDate) rows.push('<tr><td>Platform server (HTTP Date)</td><td colspan="3"><em>not recorded (no media was fetched from the platform)</em></td></tr>');
  if (s.timestamps.length === 0) rows.push('<tr><td>Timestamp authority</td><td colspan="3"><em>none: this capture carries no RFC 3161 timestamp</em></td></tr>');
  return `<table class="times"><tr><th>Clock</th><th>Time (UTC)</th><th>Difference from the collector’s clock</th><th>What it shows</th></tr>${rows.join('')}</table>`;
}

function timestampList(s: CaptureSummary): string {
  if (s.timestamps.length === 0) return '';
  return `<ul>${s.timestamps
    .map((t) => {
      const root = t.root
        ? `the chain ends in the root ${escapeHtml(t.root.subject)}, SHA-256 <code>${escapeHtml(t.root.sha256)}</code>${t.root.obtainFrom ? ` (the authority publishes it at ${linkOrText(t.root.obtainFrom)})` : ''}`
        : 'the certificates in this bundle do not reach a root';
      return (
        `<li><a href="${escapeHtml(captureFilePath(s.id, t.file))}">${escapeHtml(t.file)}</a> from ${escapeHtml(t.tsa)}, signed by ${escapeHtml(t.signer)}; ${root}. ` +
        `Checked with <code>openssl ts -verify -data ${escapeHtml(captureFilePath(s.id, 'capture.json'))} -in ${escapeHtml(captureFilePath(s.id, t.file))} -CAfile ROOT.pem</code> (VERIFY.txt says which root), ROOT.pem obtained from the authority itself, never from this bundle.</li>`
      );
    })
    .join('')}</ul>`;
}

function custodyList(s: CaptureSummary): string {
  if (s.custody.length === 0) return '<p>No custody log for this capture.</p>';
  return `<ol>${s.custody.map((e) => `<li>${escapeHtml(e.event)} <code>${escapeHtml(e.at)}</code></li>`).join('')}</ol>
<p>From <a href="${CUSTODY_FILE}">${CUSTODY_FILE}</a>: each event carries the SHA-256 of the one before. Times are the collector’s clock.</p>`;
}

const VERDICT_WORDS: Record<string, string> = { agrees: 'agrees', differs: 'DIFFERS', 'not-in-witness': 'not in the witness', 'not-on-page': 'not shown on the page' };

/** The platform's own record beside the page: each compared field with both values, and what its proof showed. */
function witnessSection(s: CaptureSummary): string {
  const block = s.corroboration;
  if (!block) {
    const missing = s.missing.find((m) => m.role === 'second-witness');
    return `<p>${missing ? escapeHtml(missing.reason) : 'No second witness was asked for at capture.'}</p>`;
  }
  const rows = block.fields
    .map((f) => `<tr class="${escapeHtml(f.verdict)}"><td>${escapeHtml(f.field)}</td><td>${escapeHtml(VERDICT_WORDS[f.verdict] ?? f.verdict)}</td><td dir="auto">${text(f.page)}</td><td dir="auto">${text(f.witness)}</td></tr>`)
    .join('');
  const files = block.files.map((path) => `<a href="${escapeHtml(captureFilePath(s.id, path))}">${escapeHtml(path)}</a>`).join(', ');
  const proof = block.proof ? `<p>Proof (${escapeHtml(block.proof.kind)}): ${block.proof.verified ? 'verified' : '<strong>not verified</strong>'}: ${escapeHtml(block.proof.detail)}</p>` : '';
  return `<p>Status: <strong>${escapeHtml(block.status)}</strong>${block.reason ? `: ${escapeHtml(block.reason)}` : ''}. Source <code>${escapeHtml(block.source)}</code>, fetched ${escapeHtml(block.fetchedAt)} (collector's clock) without cookies. Kept as signed files: ${files || 'none'}.</p>
${proof}${rows ? `<table><tr><th>Field</th><th>Verdict</th><th>On the page</th><th>In the platform's record</th></tr>${rows}</table>` : ''}`;
}

function captureSection(s: CaptureSummary): string {
  const screenshot = s.artifacts.find((a) => a.role === 'screenshot');
  const image = screenshot
    ? `<img src="${escapeHtml(captureFilePath(s.id, screenshot.path))}" alt="Screenshot of the post as captured">`
    : '<p class="missing">No screenshot in this capture.</p>';
  const annotated = s.annotatedScreenshot
    ? `<p>The annotated copy <a href="${escapeHtml(captureFilePath(s.id, s.annotatedScreenshot))}">${escapeHtml(s.annotatedScreenshot)}</a> was made by PostProof by adding a header strip (URL, capture time in UTC, trusted timestamp, capture id) above this screenshot's unchanged pixels: it is derived, and the untouched screenshot shown here is the evidence.</p>`
    : s.annotatedScreenshotProblem
      ? `<p class="missing">${escapeHtml(s.annotatedScreenshotProblem)}</p>`
      : '';
  const lang = s.lang ? ` lang="${escapeHtml(s.lang)}"` : '';
  const artifacts = s.artifacts
    .map(
      (a) =>
        `<tr><td><a href="${escapeHtml(captureFilePath(s.id, a.path))}">${escapeHtml(a.path)}</a></td>` +
        `<td>${escapeHtml(a.role)}</td><td>${a.bytes}</td><td><code>${escapeHtml(a.sha256)}</code></td></tr>`,
    )
    .join('');
  const missing = s.missing.length
    ? `<ul class="missing">${s.missing
        .map((m) => `<li>${escapeHtml(m.role)}${m.sourceUrl ? ` (${escapeHtml(m.sourceUrl)})` : ''}: ${escapeHtml(m.reason)}</li>`)
        .join('')}</ul>`
    : '<p>Nothing recorded as missing.</p>';
  return `<section id="capture-${escapeHtml(s.id)}">
<h2>${s.kind === 'tile' ? 'Grid tile: ' : ''}${text(authorLabel(s.authorName, s.authorHandle))}</h2>
${s.kind === 'tile' ? `<p class="kind-tile"><strong>Tile only.</strong> A tile of the account's profile grid, kept as it was shown: its thumbnail and its link to the post. It is not a capture of the post; the post's text, time and media are not in it.</p>\n` : ''}${image}${annotated ? `\n${annotated}` : ''}
<div class="text" dir="auto"${lang}>${s.text ? escapeHtml(s.text) : '<em>No text was read from this post.</em>'}</div>
<dl>
${field('Platform', escapeHtml(s.platform))}
${field('Permalink', linkOrText(s.permalink))}
${field('Posted at (as shown by the platform)', text(s.postedAt))}
${field('Captured at (collector’s clock, UTC)', text(s.capturedAt))}
${field('Platform server time during capture', text(s.serverDate))}
${field('Page', linkOrText(s.pageUrl))}
${field('Capture id / sequence', `<code>${escapeHtml(s.id)}</code> / ${s.sequence}`)}
${field('SHA-256 of capture.json', `<code>${escapeHtml(s.captureSha256)}</code>`)}
${field('Record signed at capture by the key', `<code>${escapeHtml(s.keyId)}</code>`)}
</dl>
<h3>Times: collector, platform server, timestamp authority</h3>
${timesTable(s)}
${timestampList(s)}
<h3>Second witness: the platform's own record</h3>
${witnessSection(s)}
<h3>Files</h3>
<table><tr><th>File</th><th>Role</th><th>Bytes</th><th>SHA-256</th></tr>${artifacts}</table>
<h3>Missing</h3>
${missing}
<h3>Custody</h3>
${custodyList(s)}
</section>`;
}

/** Style is allowed by its hash, so the CSP can forbid everything else, scripts included. */
async function styleHash(): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(STYLE)));
  return btoa(String.fromCharCode(...digest));
}

export async function renderReportHtml(summaries: readonly CaptureSummary[], meta: { createdAt: string; software: string; keyId: string }, threads: readonly ThreadRecord[] = []): Promise<string> {
  const csp = `default-src 'none'; img-src 'self' file:; style-src 'sha256-${await styleHash()}'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<title>PostProof evidence report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>PostProof evidence report</h1>
<p>${summaries.length} capture(s), exported ${escapeHtml(meta.createdAt)} by ${escapeHtml(meta.software)}.
Signing key fingerprint (SHA-256): <code>${escapeHtml(meta.keyId)}</code>; the key is in <a href="${SIGNER_KEY_FILE}">${SIGNER_KEY_FILE}</a>.
This page is a reading aid; the signed files are the evidence. <a href="${VERIFY_GUIDE_FILE}">${VERIFY_GUIDE_FILE}</a> explains how to check them.</p>
${threadsSection(threads, summaries)}${summaries.map(captureSection).join('\n')}
</body>
</html>
`;
}
