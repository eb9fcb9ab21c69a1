// The capture detail's "Thread" section: each preserved thread this capture is a member of, with its place in it
// ("n of m"), the thread's completeness in the platform's own numbers, and a button that ticks all its captures in
// the list, since a thread is exported (threads/<id>/thread.json) only with every one of its captures. Renders
// nothing for a capture that is in no thread.
import { useEffect, useState } from 'preact/hooks';
import type { ThreadMember, ThreadRecord } from '../utils/model';
import type { PostProofDb } from '../utils/store/db';
import { threadsByMember } from '../utils/store/threads';
import { t, tCount, type MessageKey } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';
import './thread-membership.css';

const ROLE_KEYS: Record<ThreadMember['role'], MessageKey> = {
  focal: 'threadrec_role_focal',
  'author-thread': 'threadrec_role_author_thread',
  reply: 'threadrec_role_reply',
};

export interface ThreadMembershipProps {
  db: PostProofDb;
  captureId: string;
  /** Ticks these captures in the list; absent where there is no list to tick them in. */
  onSelectMembers?: (captureIds: readonly string[]) => void;
}

function ThreadEntry({ thread, captureId, onSelectMembers }: { thread: ThreadRecord; captureId: string; onSelectMembers?: ThreadMembershipProps['onSelectMembers'] }) {
  const [selected, setSelected] = useState<number>();
  const index = thread.members.findIndex((member) => member.captureId === captureId);
  const member = thread.members[index];
  if (!member) return null;
  const counted = thread.counts.repliesCounted === null ? t('threadrec_counts_unknown') : thread.counts.repliesCounted;
  const ids = thread.members.map((m) => m.captureId);
  return (
    <li class="thread-membership-entry" data-testid="thread-membership" data-thread-id={thread.id} data-position={index + 1} data-members={thread.members.length}>
      <p>
        <strong>{t('threadrec_member_of', [index + 1, thread.members.length, t(ROLE_KEYS[member.role])])}</strong>
      </p>
      <p data-testid="thread-counts">{t('threadrec_counts', [counted, thread.counts.repliesShown, thread.counts.repliesCaptured])}</p>
      <p>{t('threadrec_author_counts', [thread.counts.authorPostsShown, thread.counts.authorPostsCaptured])}</p>
      {member.earlier ? <p class="hint">{t('threadrec_earlier')}</p> : null}
      <p class="hint">{t('threadrec_preserved', thread.createdAt)}</p>
      {onSelectMembers ? (
        <>
          <button
            type="button"
            data-testid="thread-select-members"
            onClick={() => {
              onSelectMembers(ids);
              setSelected(ids.length);
            }}
          >
            {t('threadrec_select')}
          </button>
          <p class="hint">{t('threadrec_select_hint')}</p>
          <p role="status" data-testid="thread-selected">{selected !== undefined ? tCount('threadrec_selected', selected) : ''}</p>
        </>
      ) : null}
    </li>
  );
}

export function ThreadMembership({ db, captureId, onSelectMembers }: ThreadMembershipProps) {
  const [threads, setThreads] = useState<ThreadRecord[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    setThreads([]);
    setError(undefined);
    threadsByMember(db, captureId).then(
      (rows) => !cancelled && setThreads(rows.map((row) => JSON.parse(new TextDecoder().decode(row.recordBytes)) as ThreadRecord)),
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [db, captureId]);

  if (threads.length === 0 && !error) return null;
  return (
    <section class="detail-section thread-membership" aria-labelledby="detail-thread-heading" data-testid="detail-thread">
      <h3 id="detail-thread-heading">{t('threadrec_heading')}</h3>
      {error ? <p class="error" role="alert">{t('threadrec_failed', error)}</p> : null}
      <ul>
        {threads.map((thread) => (
          <ThreadEntry key={thread.id} thread={thread} captureId={captureId} {...(onSelectMembers ? { onSelectMembers } : {})} />
        ))}
      </ul>
    </section>
  );
}
