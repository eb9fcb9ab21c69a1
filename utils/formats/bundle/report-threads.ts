// report.html's "Threads" section: each preserved thread with its completeness in the platform's own numbers and its
// members in page order, each linked to its capture's section. Made from the signed thread records alone (and the
// capture rows for the authors' names), so the verifier can make it again and require the same bytes.

import type { ThreadCounts, ThreadMember, ThreadRecord } from '../../model';
import { authorLabel, type CaptureSummary } from '../../evidence/capture-summary';
import { THREAD_RECORD_FILE, THREAD_SIGNATURE_FILE, threadFilePath } from '../../evidence/thread-files';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const ROLE_WORDS: Record<ThreadMember['role'], string> = { focal: 'the post itself', 'author-thread': 'the author’s thread', reply: 'reply' };

/** "replies the platform counts: 57; shown on the page: 43; captured: 43", and the author's posts likewise. */
export function countsInWords(counts: ThreadCounts): string[] {
  const counted = counts.repliesCounted === null ? 'not shown' : String(counts.repliesCounted);
  return [
    `Replies the platform counts: ${counted}; shown on the page: ${counts.repliesShown}; captured: ${counts.repliesCaptured}.`,
    `The author’s own posts of the thread shown on the page: ${counts.authorPostsShown}; captured: ${counts.authorPostsCaptured}.`,
  ];
}

/** What was asked for, in words. */
export function scopeInWords(scope: ThreadRecord['scope']): string {
  const replies = scope.replyLimit > 0 ? `replies up to ${scope.replyLimit}` : 'no replies';
  return `${scope.authorThread ? 'the author’s own thread' : 'the post alone'}, ${replies}`;
}

function memberRow(member: ThreadMember, n: number, rows: ReadonlyMap<string, CaptureSummary>): string {
  const row = rows.get(member.captureId);
  const who = row ? escapeHtml(authorLabel(row.authorName, row.authorHandle) ?? '') : '';
  const url = member.url && /^https?:\/\//i.test(member.url) ? `<a href="${escapeHtml(member.url)}" rel="noreferrer noopener">${escapeHtml(member.url)}</a>` : escapeHtml(member.url ?? '');
  return (
    `<tr><td>${n + 1}</td><td>${escapeHtml(ROLE_WORDS[member.role])}${member.earlier ? ' (captured earlier)' : ''}</td>` +
    `<td><a href="#capture-${escapeHtml(member.captureId)}"><code>${escapeHtml(member.captureId)}</code></a>${who ? `<br>${who}` : ''}</td>` +
    `<td>${url}</td><td><code>${escapeHtml(member.captureSha256)}</code></td></tr>`
  );
}

function threadBlock(thread: ThreadRecord, rows: ReadonlyMap<string, CaptureSummary>): string {
  const failed = thread.failed.length
    ? `<p>Not captured (${thread.failed.length}):</p><ul class="missing">${thread.failed
        .map((f) => `<li>${escapeHtml(ROLE_WORDS[f.role])} ${escapeHtml(f.url ?? f.postId ?? '')}: ${escapeHtml(f.reason)}</li>`)
        .join('')}</ul>`
    : '<p>Every post of the thread the page showed, within what was asked for, was captured.</p>';
  return `<section id="thread-${escapeHtml(thread.id)}">
<h3>Thread on ${escapeHtml(thread.platform)}: ${thread.members.length} post(s)</h3>
<p>${countsInWords(thread.counts).map(escapeHtml).join('<br>')}</p>
<dl>
<dt>Page</dt><dd>${/^https?:\/\//i.test(thread.page.url) ? `<a href="${escapeHtml(thread.page.url)}" rel="noreferrer noopener">${escapeHtml(thread.page.url)}</a>` : escapeHtml(thread.page.url)}</dd>
<dt>Asked for</dt><dd>${escapeHtml(scopeInWords(thread.scope))}</dd>
<dt>Preserved at (collector’s clock, UTC)</dt><dd>${escapeHtml(thread.createdAt)}</dd>
<dt>Thread record</dt><dd><a href="${escapeHtml(threadFilePath(thread.id, THREAD_RECORD_FILE))}">${escapeHtml(threadFilePath(thread.id, THREAD_RECORD_FILE))}</a>, signed in <a href="${escapeHtml(threadFilePath(thread.id, THREAD_SIGNATURE_FILE))}">${escapeHtml(THREAD_SIGNATURE_FILE)}</a> by the key <code>${escapeHtml(thread.signer.keyId)}</code></dd>
</dl>
<table><tr><th>#</th><th>Role</th><th>Capture</th><th>Post</th><th>SHA-256 of its capture.json</th></tr>${thread.members.map((m, n) => memberRow(m, n, rows)).join('')}</table>
${failed}
</section>`;
}

/** The section, or nothing when the bundle holds no thread. */
export function threadsSection(threads: readonly ThreadRecord[], summaries: readonly CaptureSummary[]): string {
  if (threads.length === 0) return '';
  const rows = new Map(summaries.map((s) => [s.id, s]));
  return `<section id="threads">
<h2>Threads</h2>
<p>${threads.length} thread(s), members in the order the page showed them. Each thread record lists its members by the SHA-256 of their capture.json and was signed when the thread was preserved; the platform’s own counts are what its page said, the captured counts what the record lists.</p>
${threads.map((thread) => threadBlock(thread, rows)).join('\n')}
</section>
`;
}
