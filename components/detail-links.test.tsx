// @vitest-environment happy-dom
// The capture detail's links on real captures (the pipeline into an in-memory IndexedDB): a forwarded message's link
// with "Preserve the forwarded post too" sending list-create with the link; the capture made from it shown both ways;
// the profile offer only while the author has no profile capture in the active case; a profile capture's fields.
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../test/support/capture-request';
import { preservePost } from '../utils/capture/worker/pipeline';
import type { CaptureRecord, CaptureRequest } from '../utils/model';
import { createCase, saveAnnotation } from '../utils/store/annotations';
import { getCapture } from '../utils/store/captures';
import { getOrCreateInstallKey } from '../utils/store/install-key';
import type { StoredKey } from '../utils/store/db';
import { openPostProofDb, type PostProofDb } from '../utils/store/db';
import { DetailLinks, type DetailLinksApi } from './detail-links';

let host: HTMLElement;
const offline = () => Promise.reject(new Error('offline'));

beforeAll(() => {
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
});
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

async function store(): Promise<{ db: PostProofDb; key: StoredKey }> {
  const db = await openPostProofDb(`links-${crypto.randomUUID()}`);
  return { db, key: await getOrCreateInstallKey(db) };
}

async function capture(db: PostProofDb, key: StoredKey, request: CaptureRequest): Promise<CaptureRecord> {
  const reply = await preservePost(request, sampleScreenshot, { db, key, software: 'PostProof test', fetch: offline });
  if (!reply.ok) throw new Error(reply.message);
  const row = await getCapture(db, reply.captureId);
  return JSON.parse(new TextDecoder().decode(row!.recordBytes)) as CaptureRecord;
}

/** The forwarded message of the corpus (tme_s_message_forwarded_oper_goblin_22358), as the Telegram adapter reads it. */
function forwardedRequest(): CaptureRequest {
  const request = sampleCaptureRequest('Британская разведка выяснила');
  request.post = {
    platform: 'telegram',
    id: '22358',
    url: 'https://t.me/oper_goblin/22358',
    author: { name: 'Tynu40k Goblina (oper.ru)', handle: 'oper_goblin', url: 'https://t.me/oper_goblin' },
    text: 'Британская разведка выяснила',
    links: [{ kind: 'forward', platform: 'telegram', id: '44604', url: 'https://t.me/dimsmirnov175/44604', author: { name: 'Пул N3', handle: 'dimsmirnov175', url: 'https://t.me/dimsmirnov175' } }],
  };
  request.page = { url: 'https://t.me/s/oper_goblin/22358', title: 'oper_goblin' };
  return request;
}

function fakeApi(reply: unknown = { ok: true, listId: 'l1' }, activeCase?: string): DetailLinksApi & { sent: unknown[] } {
  const sent: unknown[] = [];
  return { sent, send: (message) => (sent.push(message), Promise.resolve(reply)), activeCaseId: () => Promise.resolve(activeCase) };
}

async function show(db: PostProofDb, record: CaptureRecord, api: DetailLinksApi) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<DetailLinks db={db} record={record} api={api} pollMs={20} />, host));
}

const q = (id: string) => host.querySelector(`[data-testid="${id}"]`);

describe('the capture detail\'s links', () => {
  it('lists a forward and asks for the source post with the link back, then shows it preserved both ways', async () => {
    const { db, key } = await store();
    const forwarded = await capture(db, key, forwardedRequest());
    const api = fakeApi();
    await show(db, forwarded, api);
    await vi.waitFor(() => expect(q('link-item')).not.toBeNull());
    expect(q('link-item')!.getAttribute('data-kind')).toBe('forward');
    expect(q('link-item')!.textContent).toContain('Пул N3');
    expect(q('link-item')!.textContent).toContain('https://t.me/dimsmirnov175/44604');

    await act(async () => (q('link-preserve') as HTMLButtonElement).click());
    expect(api.sent).toEqual([
      {
        type: 'postproof/list-create',
        name: expect.stringContaining(forwarded.id),
        urls: ['https://t.me/dimsmirnov175/44604'],
        links: { 'https://t.me/dimsmirnov175/44604': { captureId: forwarded.id, kind: 'forward' } },
      },
    ]);
    await vi.waitFor(() => expect(q('link-status')?.getAttribute('data-state')).toBe('queued'));

    // The list queue preserves the source post with the link (here: the pipeline, as the queue's tab would ask it).
    const source = sampleCaptureRequest('Британская разведка выяснила, почему');
    source.post = { platform: 'telegram', id: '44604', url: 'https://t.me/dimsmirnov175/44604', author: { name: 'Пул N3', handle: 'dimsmirnov175' } };
    source.page = { url: 'https://t.me/s/dimsmirnov175/44604', title: 'Пул N3' };
    const original = await capture(db, key, { ...source, linkedFrom: { captureId: forwarded.id, kind: 'forward' } });
    await vi.waitFor(() => expect(q('link-preserved')?.getAttribute('data-capture-id')).toBe(original.id));
    expect(q('link-preserved')!.textContent).toBe(`Forwarded from: preserved as capture ${original.id}`);
    expect(q('link-preserve')).toBeNull();

    // And from the other side: preserved from the forwarded message's capture, its hash signed in the record.
    act(() => render(null, host));
    host.remove();
    await show(db, original, fakeApi());
    await vi.waitFor(() => expect(q('link-from')).not.toBeNull());
    expect(q('link-from')!.getAttribute('data-capture-id')).toBe(forwarded.id);
    expect(q('link-from')!.textContent).toContain(`Preserved from capture ${forwarded.id} (Forwarded from)`);
    expect(q('link-from')!.textContent).toContain((await getCapture(db, forwarded.id))!.recordSha256);
  });

  it('shows the queue\'s refusal as an error, and the button can be pressed again', async () => {
    const { db, key } = await store();
    const forwarded = await capture(db, key, forwardedRequest());
    await show(db, forwarded, fakeApi({ ok: false, message: 'The list is full.' }));
    await vi.waitFor(() => expect(q('link-preserve')).not.toBeNull());
    await act(async () => (q('link-preserve') as HTMLButtonElement).click());
    await vi.waitFor(() => expect(q('link-status')?.textContent).toBe('It could not be queued: The list is full.'));
    expect((q('link-preserve') as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers the author\'s profile until a profile capture of the author is in the active case', async () => {
    const { db, key } = await store();
    const post = await capture(db, key, forwardedRequest());
    const api = fakeApi();
    await show(db, post, api);
    await vi.waitFor(() => expect(q('profile-offer')).not.toBeNull());
    await act(async () => (q('profile-offer-preserve') as HTMLButtonElement).click());
    expect(api.sent).toEqual([
      expect.objectContaining({ urls: ['https://t.me/s/oper_goblin'], links: { 'https://t.me/s/oper_goblin': { captureId: post.id, kind: 'profile-of' } } }),
    ]);

    // A profile capture of the author, in another case than the active one: still offered.
    const profileRequest = sampleCaptureRequest('channel');
    profileRequest.post = { platform: 'telegram', kind: 'profile', url: 'https://t.me/oper_goblin', author: { name: 'Tynu40k Goblina (oper.ru)', handle: 'oper_goblin' }, profile: { counts: { subscribers: '1K' } } };
    profileRequest.page = { url: 'https://t.me/s/oper_goblin', title: 'oper_goblin' };
    const profile = await capture(db, key, profileRequest);
    const active = await createCase(db, 'Active');
    const other = await createCase(db, 'Other');
    await saveAnnotation(db, profile.id, { cases: [other.id], tags: [], note: '' });
    act(() => render(null, host));
    host.remove();
    await show(db, post, fakeApi(undefined, active.id));
    await vi.waitFor(() => expect(q('profile-offer')).not.toBeNull());

    // In the active case: no offer.
    await saveAnnotation(db, profile.id, { cases: [active.id], tags: [], note: '' });
    act(() => render(null, host));
    host.remove();
    await show(db, post, fakeApi(undefined, active.id));
    await vi.waitFor(() => expect(q('detail-links')).not.toBeNull());
    expect(q('profile-offer')).toBeNull();
  });

  it('shows a profile capture\'s fields as the page showed them, and offers no profile for it', async () => {
    const { db, key } = await store();
    const request = sampleCaptureRequest('Building web infra');
    request.post = {
      platform: 'x',
      kind: 'profile',
      url: 'https://x.com/Kikobeats',
      author: { name: 'Kiko Beats', handle: 'Kikobeats', id: '101198215', url: 'https://x.com/Kikobeats' },
      profile: { bio: 'Building web infra & open source', counts: { Following: '406', Followers: '3,893', posts: '23.9K' }, joined: 'Joined January 2010' },
    };
    const profile = await capture(db, key, request);
    await show(db, profile, fakeApi());
    await vi.waitFor(() => expect(q('profile-fields')).not.toBeNull());
    const fields = q('profile-fields')!.textContent!;
    for (const shown of ['Building web infra & open source', 'Followers', '3,893', '23.9K', 'Joined January 2010', '101198215']) expect(fields).toContain(shown);
    expect(q('profile-offer')).toBeNull();
  });
});
