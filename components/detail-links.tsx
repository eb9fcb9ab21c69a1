// The capture detail's links, both ways: the posts this capture shows (quoted, reposted, forwarded, replied to), each
// with "Preserve … too" when the page gave its address; the captures made from this one ("Quoted post: preserved as
// capture …") and the one this was made from ("Preserved from capture …", signed in the record's linkedFrom); the
// profile fields of a profile capture; and, beside a post whose author has no profile capture in the active case yet,
// "Preserve profile". Preserving goes through capture from a list (`postproof/list-create`), one URL with its link.
import { useEffect, useState } from 'preact/hooks';
import type { CaptureLink, CaptureRecord, PostLink, PostRecord } from '../utils/model';
import type { CaptureListing } from '../utils/store/rows';
import type { PostProofDb } from '../utils/store/db';
import type { ListCommandMessage } from '../utils/lists/messages';
import { captureIdsInCase } from '../utils/store/annotations';
import { readActiveCaseId } from '../utils/extension/active-case';
import { t, type MessageKey } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';
import { atHandle } from './format';
import './detail-links.css';

export interface DetailLinksApi {
  /** browser.runtime.sendMessage: the list-create request goes to the background. */
  send(message: unknown): Promise<unknown>;
  /** The active case's id (chosen in the popup), if one is chosen. */
  activeCaseId(): Promise<string | undefined>;
}

/** The extension's own messaging and storage, when the page is an extension page (never imported in tests). */
interface ExtensionGlobal {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: Parameters<typeof readActiveCaseId>[0] };
}

function extensionApi(): DetailLinksApi {
  const scope = globalThis as { browser?: ExtensionGlobal; chrome?: ExtensionGlobal };
  const ext = scope.browser ?? scope.chrome;
  return {
    send: (message) => (ext ? ext.runtime.sendMessage(message) : Promise.reject(new Error('not an extension page'))),
    activeCaseId: () => (ext ? readActiveCaseId(ext.storage.local) : Promise.resolve(undefined)),
  };
}

const KIND_LABELS: Record<CaptureLink['kind'], MessageKey> = {
  quote: 'link_kind_quote',
  repost: 'link_kind_repost',
  forward: 'link_kind_forward',
  'reply-to': 'link_kind_reply',
  'profile-of': 'link_kind_profile',
};
const PRESERVE_LABELS: Partial<Record<CaptureLink['kind'], MessageKey>> = {
  quote: 'link_preserve_quote',
  forward: 'link_preserve_forward',
  'reply-to': 'link_preserve_reply',
};

/** The URL that opens an author's profile header: Telegram's channel header is drawn on its web preview (t.me/s/). */
export function profileUrlOf(post: PostRecord): string | undefined {
  const handle = post.author?.handle;
  if (post.platform === 'telegram' && handle && /^[A-Za-z0-9_]+$/.test(handle)) return `https://t.me/s/${handle}`;
  const url = post.author?.url;
  return url && /^https:\/\//.test(url) ? url : undefined;
}

/** The list-create request that preserves `url` as a capture linked back to `captureId` (utils/lists/messages.ts). */
export function linkedListRequest(url: string, captureId: string, kind: CaptureLink['kind']): ListCommandMessage {
  return { type: 'postproof/list-create', name: t('link_list_name', captureId), urls: [url], links: { [url]: { captureId, kind } } };
}

interface Around {
  /** Captures made from this one (listing rows whose linkedFrom is it). */
  linkedHere: CaptureListing[];
  /** Profile captures of this post's author (in the active case when one is chosen). */
  authorProfiles: CaptureListing[];
}

async function readAround(db: PostProofDb, captureId: string, post: PostRecord, api: DetailLinksApi): Promise<Around> {
  const linkedHere = await db.getAllFromIndex('listings', 'byLinkedFrom', captureId);
  let authorProfiles: CaptureListing[] = [];
  if (post.kind !== 'profile' && post.author?.handle) {
    const byAuthor = (await db.getAllFromIndex('listings', 'byAuthor', [post.platform, post.author.handle])).filter((row) => row.kind === 'profile');
    const caseId = await api.activeCaseId().catch(() => undefined);
    const inCase = caseId ? new Set(await captureIdsInCase(db, caseId)) : undefined;
    authorProfiles = inCase ? byAuthor.filter((row) => inCase.has(row.id)) : byAuthor;
  }
  return { linkedHere, authorProfiles };
}

type Request = { state: 'sending' } | { state: 'queued' } | { state: 'error'; message: string };

function replyProblem(reply: unknown): string | undefined {
  const answer = reply as { ok?: unknown; message?: unknown } | undefined;
  if (answer === undefined) return t('link_no_answer');
  return answer.ok === false ? String(answer.message ?? '') : undefined;
}

export interface DetailLinksProps {
  db: PostProofDb;
  record: CaptureRecord;
  api?: DetailLinksApi;
  /** How often to look again for the capture a request made, while one is waiting (ms). */
  pollMs?: number;
}

export function DetailLinks({ db, record, api: given, pollMs = 2000 }: DetailLinksProps) {
  const [api] = useState(() => given ?? extensionApi());
  const [around, setAround] = useState<Around>();
  const [requests, setRequests] = useState<Record<string, Request>>({});
  const captureId = record.id;
  const post = record.post;
  const waiting = Object.values(requests).some((r) => r.state === 'queued' || r.state === 'sending');

  useEffect(() => {
    let cancelled = false;
    const read = () => readAround(db, captureId, post, api).then((found) => !cancelled && setAround(found), () => undefined);
    void read();
    const timer = waiting ? setInterval(() => void read(), pollMs) : undefined;
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
    };
  }, [db, captureId, waiting]);

  function request(url: string, kind: CaptureLink['kind']) {
    setRequests((r) => ({ ...r, [url]: { state: 'sending' } }));
    api.send(linkedListRequest(url, captureId, kind)).then(
      (reply) => {
        const problem = replyProblem(reply);
        setRequests((r) => ({ ...r, [url]: problem === undefined ? { state: 'queued' } : { state: 'error', message: problem } }));
      },
      (error: unknown) => setRequests((r) => ({ ...r, [url]: { state: 'error', message: errorMessage(error) } })),
    );
  }

  const links = post.links ?? [];
  const linkedHere = around?.linkedHere ?? [];
  const profileUrl = profileUrlOf(post);
  const offerProfile = around !== undefined && post.kind !== 'profile' && post.platform !== 'generic' && profileUrl !== undefined && around.authorProfiles.length === 0;
  const profileFromHere = linkedHere.find((row) => row.kind === 'profile');
  if (links.length === 0 && linkedHere.length === 0 && !record.linkedFrom && !post.profile && !offerProfile && !profileFromHere) return null;

  return (
    <section class="detail-section detail-links" aria-labelledby="detail-links-heading" data-testid="detail-links">
      <h3 id="detail-links-heading">{t('link_heading')}</h3>
      {record.linkedFrom ? (
        <p data-testid="link-from" data-capture-id={record.linkedFrom.captureId}>
          {t('link_preserved_from', [record.linkedFrom.captureId, t(KIND_LABELS[record.linkedFrom.kind] ?? 'link_kind_quote')])}{' '}
          <span class="detail-hash" title={t('link_hash_title')}>{record.linkedFrom.captureSha256}</span>
        </p>
      ) : null}
      {post.profile ? <ProfileFieldsList post={post} /> : null}
      {links.length ? (
        <ul class="link-list">
          {links.map((link, index) => (
            <LinkItem
              key={`${link.kind}-${index}`}
              link={link}
              preserved={link.url ? linkedHere.find((row) => row.permalink === link.url && row.kind !== 'profile') : undefined}
              request={link.url ? requests[link.url] : undefined}
              onPreserve={link.url && PRESERVE_LABELS[link.kind] ? () => request(link.url!, link.kind) : undefined}
            />
          ))}
        </ul>
      ) : null}
      {linkedHere
        .filter((row) => !links.some((link) => link.url && link.url === row.permalink) && row.kind !== 'profile')
        .map((row) => (
          <p key={row.id} data-testid="link-preserved" data-capture-id={row.id}>{t('link_preserved_as', [t('link_kind_linked'), row.id])}</p>
        ))}
      {profileFromHere ? (
        <p data-testid="profile-preserved" data-capture-id={profileFromHere.id}>{t('link_preserved_as', [t('link_kind_profile'), profileFromHere.id])}</p>
      ) : offerProfile && profileUrl ? (
        <div class="link-offer" data-testid="profile-offer">
          <p>
            {t('profile_offer_text')} <bdi dir="ltr">{post.author?.handle ? atHandle(post.author.handle) : profileUrl}</bdi>
          </p>
          <button type="button" data-testid="profile-offer-preserve" disabled={requests[profileUrl]?.state === 'sending' || requests[profileUrl]?.state === 'queued'} onClick={() => request(profileUrl, 'profile-of')}>
            {t('profile_offer_button')}
          </button>
          <RequestStatus request={requests[profileUrl]} />
        </div>
      ) : null}
    </section>
  );
}

function LinkItem({ link, preserved, request, onPreserve }: { link: PostLink; preserved?: CaptureListing; request?: Request; onPreserve?: () => void }) {
  const author = link.author;
  const label = t(KIND_LABELS[link.kind]);
  return (
    <li class="link-item" data-testid="link-item" data-kind={link.kind}>
      <span class="link-kind">{label}</span>{' '}
      {author?.name ? <bdi dir="auto">{author.name}</bdi> : null}{' '}
      {author?.handle ? <bdi dir="ltr">{atHandle(author.handle)}</bdi> : null}
      {!author?.name && !author?.handle ? <span class="hint">{t('unknown_author')}</span> : null}
      <div>
        {link.url ? <a href={link.url} target="_blank" rel="noopener noreferrer" dir="ltr">{link.url}</a> : <span class="hint">{t('link_no_url')}</span>}
      </div>
      {preserved ? (
        <p data-testid="link-preserved" data-capture-id={preserved.id}>{t('link_preserved_as', [label, preserved.id])}</p>
      ) : onPreserve ? (
        <div class="toolbar">
          <button type="button" data-testid="link-preserve" disabled={request?.state === 'sending' || request?.state === 'queued'} onClick={onPreserve}>
            {t(PRESERVE_LABELS[link.kind]!)}
          </button>
          <RequestStatus request={request} />
        </div>
      ) : null}
    </li>
  );
}

function RequestStatus({ request }: { request?: Request }) {
  if (!request) return null;
  const text = request.state === 'sending' ? t('link_sending') : request.state === 'queued' ? t('link_queued') : t('link_failed', request.message);
  return (
    <p class={request.state === 'error' ? 'error' : 'status'} role="status" data-testid="link-status" data-state={request.state}>
      {text}
    </p>
  );
}

/** A profile capture's fields as the page showed them: counts in the platform's own words. */
function ProfileFieldsList({ post }: { post: PostRecord }) {
  const profile = post.profile!;
  return (
    <dl class="detail-facts" data-testid="profile-fields">
      {profile.bio ? (
        <>
          <dt>{t('profile_field_bio')}</dt>
          <dd dir="auto" data-field="bio">{profile.bio}</dd>
        </>
      ) : null}
      {Object.entries(profile.counts ?? {}).map(([label, value]) => (
        <>
          <dt key={`l-${label}`} dir="auto">{label}</dt>
          <dd key={`v-${label}`} dir="auto" data-field="count">{value}</dd>
        </>
      ))}
      {profile.joined ? (
        <>
          <dt>{t('profile_field_joined')}</dt>
          <dd dir="auto" data-field="joined">{profile.joined}</dd>
        </>
      ) : null}
      {profile.verified?.length ? (
        <>
          <dt>{t('profile_field_verified')}</dt>
          <dd dir="auto" data-field="verified">{profile.verified.join(', ')}</dd>
        </>
      ) : null}
      {profile.location ? (
        <>
          <dt>{t('profile_field_location')}</dt>
          <dd dir="auto" data-field="location">{profile.location}</dd>
        </>
      ) : null}
      {profile.website ? (
        <>
          <dt>{t('profile_field_website')}</dt>
          <dd dir="ltr" data-field="website">{profile.website}</dd>
        </>
      ) : null}
      {post.author?.id ? (
        <>
          <dt>{t('profile_field_account_id')}</dt>
          <dd dir="ltr" data-field="account-id">{post.author.id}</dd>
        </>
      ) : null}
    </dl>
  );
}
