// The first-run page's steps (entrypoints/onboarding/main.tsx wires them to the extension). Each step says what it is
// for, can be done now or skipped, and shows its state; the three that change how captures are made (screenshots,
// collector, trusted time) read that state from the real permission and settings, so "done" is never a guess.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../utils/i18n/i18n';
import type { CaptureRequest, CaptureResponse, Collector, Settings } from '../utils/model';
import { chosenAuthorities, customTsaUrlProblem, originPermission, TSA_PRESETS } from '../utils/provenance/tsa-presets';
import { FIRST_RUN_DONE_KEY } from '../utils/extension/first-run';
import type { PostProofDb } from '../utils/store/db';
import { errorMessage } from '../utils/error-message';
import { KeyFingerprint } from './key-fingerprint';
import { KeyCardDownload } from './key-card';
import { SCREENSHOT_ORIGINS } from './screenshot-permission';

/** storage.local key: which steps without a state of their own were done or skipped. */
export const FIRST_RUN_STEPS_KEY = 'firstRunSteps';

export type StepId = 'about' | 'screenshots' | 'collector' | 'time' | 'key' | 'practice';
type Mark = 'done' | 'skipped';

export interface OnboardingApi {
  permissions: { contains(p: { origins: string[] }): Promise<boolean>; request(p: { origins: string[] }): Promise<boolean> };
  readSettings(): Promise<Settings>;
  writeSettings(settings: Settings): Promise<void>;
  db(): Promise<PostProofDb>;
  keyId(): Promise<string>;
  storage: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
  practice(request: CaptureRequest): Promise<CaptureResponse>;
  dashboardUrl: string;
  optionsUrl: string;
}

const STEP_TITLES: Record<StepId, MessageKey> = {
  about: 'onboarding_about_title',
  screenshots: 'onboarding_screenshots_title',
  collector: 'onboarding_collector_title',
  time: 'onboarding_time_title',
  key: 'onboarding_key_title',
  practice: 'onboarding_practice_title',
};
const SAMPLE_HANDLE = '@sample';
const SAMPLE_POSTED_AT = '2026-01-15T07:45:00.000Z';
const SAMPLE_TIME_FORMAT: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' };
const ORDER: StepId[] = ['about', 'screenshots', 'collector', 'time', 'key', 'practice'];

function Step(props: { id: StepId; n: number; done: boolean; skipped: boolean; onSkip(): void; children: ComponentChildren }) {
  const state = props.done ? 'done' : props.skipped ? 'skipped' : 'todo';
  const label = props.done ? t('onboarding_state_done') : props.skipped ? t('onboarding_state_skipped') : t('onboarding_state_todo');
  return (
    <section class="onboarding-step" id={`step-${props.id}`} data-testid={`onboarding-step-${props.id}`} data-state={state} aria-labelledby={`step-${props.id}-title`}>
      <h2 id={`step-${props.id}-title`} tabIndex={-1}>
        <span class="onboarding-step-number" aria-hidden="true">
          {props.n}
        </span>{' '}
        {t(STEP_TITLES[props.id])}{' '}
        <span class={`onboarding-badge onboarding-badge-${state}`} data-testid="onboarding-step-state">
          {label}
        </span>
      </h2>
      {props.children}
      {props.done ? null : (
        <p>
          <button type="button" class="onboarding-skip" data-testid={`onboarding-skip-${props.id}`} onClick={props.onSkip}>
            {t('onboarding_skip')}
          </button>
        </p>
      )}
    </section>
  );
}

function Status({ text, error, testid }: { text: string; error?: boolean; testid?: string }) {
  return (
    <p class={error ? 'error' : 'status'} role="status" data-testid={testid}>
      {text}
    </p>
  );
}

/** Ask for <all_urls> straight from the click: Firefox refuses a request made after an await. */
function ScreenshotsStep({ api, granted, setGranted }: { api: OnboardingApi; granted: boolean; setGranted(ok: boolean): void }) {
  const [message, setMessage] = useState('');
  function allow() {
    api.permissions.request({ origins: SCREENSHOT_ORIGINS }).then(
      (ok) => {
        setGranted(ok);
        setMessage(ok ? '' : t('screenshots_declined'));
      },
      (error: unknown) => setMessage(t('screenshots_prompt_failed', errorMessage(error))),
    );
  }
  return (
    <>
      <p id="onboarding-screenshots-why">{t('onboarding_screenshots_why')}</p>
      {granted ? (
        <p class="onboarding-ok" data-testid="onboarding-screenshots-granted">
          {t('onboarding_screenshots_granted')}
        </p>
      ) : (
        <button type="button" class="primary" data-testid="onboarding-allow-screenshots" aria-describedby="onboarding-screenshots-why" onClick={allow}>
          {t('screenshots_allow')}
        </button>
      )}
      {message ? <Status text={message} error /> : null}
    </>
  );
}

function CollectorStep({ api, settings, onSaved }: { api: OnboardingApi; settings: Settings; onSaved(s: Settings): void }) {
  const [who, setWho] = useState<Required<Collector>>({ name: '', organization: '', persona: '', ...settings.collector });
  const [status, setStatus] = useState<{ text: string; error?: boolean }>({ text: '' });
  async function save(event: Event) {
    event.preventDefault();
    const trimmed = Object.fromEntries(Object.entries(who).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')) as Collector;
    try {
      const current = await api.readSettings();
      const { collector: _old, ...rest } = current;
      const next: Settings = { ...rest, ...(Object.keys(trimmed).length ? { collector: trimmed } : {}) };
      await api.writeSettings(next);
      onSaved(next);
      setStatus({ text: trimmed.name ? t('onboarding_collector_saved', trimmed.name) : t('onboarding_collector_no_name') });
    } catch (error) {
      setStatus({ text: errorMessage(error), error: true });
    }
  }
  const field = (key: keyof Collector, label: MessageKey, hint: MessageKey) => (
    <p class="onboarding-field">
      <label for={`onboarding-collector-${key}`}>{t(label)}</label>
      <input
        id={`onboarding-collector-${key}`}
        type="text"
        dir="auto"
        data-testid={`onboarding-collector-${key}`}
        aria-describedby={`onboarding-collector-${key}-hint`}
        value={who[key]}
        onInput={(e) => setWho({ ...who, [key]: e.currentTarget.value })}
      />
      <span class="hint" id={`onboarding-collector-${key}-hint`}>
        {t(hint)}
      </span>
    </p>
  );
  return (
    <form onSubmit={(e) => void save(e)}>
      <p>{t('onboarding_collector_why')}</p>
      {field('name', 'settings_collector_name', 'settings_collector_name_hint')}
      {field('organization', 'settings_collector_organization', 'settings_collector_organization_hint')}
      {field('persona', 'settings_collector_persona', 'settings_collector_persona_hint')}
      <button type="submit" class="primary" data-testid="onboarding-collector-save">
        {t('onboarding_save')}
      </button>
      <Status text={status.text} error={status.error} testid="onboarding-collector-status" />
    </form>
  );
}

function TimeStep({ api, settings, onSaved }: { api: OnboardingApi; settings: Settings; onSaved(s: Settings): void }) {
  // Ticked here: turning trusted time on is what this step is for; nothing is sent before Save.
  const [enabled, setEnabled] = useState(true);
  const [presets, setPresets] = useState<string[]>(settings.timestamping.presets);
  const [customUrl, setCustomUrl] = useState(settings.timestamping.customUrl ?? '');
  const [status, setStatus] = useState<{ text: string; error?: boolean }>({ text: '' });

  function save(event: Event) {
    event.preventDefault();
    const url = customUrl.trim();
    const problem = url ? customTsaUrlProblem(url) : null;
    if (problem) {
      setStatus({ text: problem, error: true });
      return;
    }
    if (enabled && presets.length === 0 && !url) {
      setStatus({ text: t('onboarding_time_none_chosen'), error: true });
      return;
    }
    // Asked first, in the click itself (a user gesture): a custom authority is an optional host permission.
    const allowed = url ? api.permissions.request({ origins: [originPermission(url)] }) : Promise.resolve(true);
    void allowed
      .then(async (ok) => {
        if (!ok) throw new Error(t('options_tsa_denied', new URL(url).host));
        const current = await api.readSettings();
        const next: Settings = { ...current, timestamping: { enabled, presets, ...(url ? { customUrl: url } : {}) } };
        await api.writeSettings(next);
        onSaved(next);
        const names = chosenAuthorities(next).map((a) => a.name);
        setStatus({ text: names.length ? t('onboarding_time_saved', names.join(', ')) : t('options_saved_no_stamping') });
      })
      .catch((error: unknown) => setStatus({ text: errorMessage(error), error: true }));
  }

  return (
    <form onSubmit={save}>
      <p>{t('onboarding_time_why')}</p>
      <p class="onboarding-field">
        <label>
          <input type="checkbox" data-testid="onboarding-tsa-enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> {t('settings_tsa_enabled')}
        </label>
      </p>
      <fieldset disabled={!enabled}>
        <legend>{t('onboarding_time_authorities')}</legend>
        {TSA_PRESETS.map((preset) => (
          <p key={preset.id} class="onboarding-check">
            <label>
              <input
                type="checkbox"
                data-testid={`onboarding-tsa-preset-${preset.id}`}
                value={preset.id}
                checked={presets.includes(preset.id)}
                onChange={(e) => setPresets(e.currentTarget.checked ? [...presets, preset.id] : presets.filter((id) => id !== preset.id))}
              />{' '}
              {preset.name} <span class="hint" dir="ltr">{new URL(preset.url).host}</span>
            </label>
          </p>
        ))}
        <p class="onboarding-field">
          <label for="onboarding-tsa-custom">{t('settings_tsa_custom')}</label>
          <input
            id="onboarding-tsa-custom"
            type="url"
            dir="ltr"
            data-testid="onboarding-tsa-custom-url"
            placeholder="https://tsa.example.org/tsr"
            aria-describedby="onboarding-tsa-custom-hint"
            value={customUrl}
            onInput={(e) => setCustomUrl(e.currentTarget.value)}
          />
          <span class="hint" id="onboarding-tsa-custom-hint">
            {t('settings_tsa_custom_hint')}
          </span>
        </p>
      </fieldset>
      <button type="submit" class="primary" data-testid="onboarding-tsa-save">
        {t('onboarding_save')}
      </button>
      <Status text={status.text} error={status.error} testid="onboarding-tsa-status" />
    </form>
  );
}

function KeyStep({ api, onNoted }: { api: OnboardingApi; onNoted(): void }) {
  const [keyId, setKeyId] = useState<string>();
  const [db, setDb] = useState<PostProofDb>();
  useEffect(() => {
    api.keyId().then(setKeyId, () => undefined);
    api.db().then(setDb, () => undefined);
  }, [api]);
  return (
    <>
      <p>{t('onboarding_key_why')}</p>
      <KeyFingerprint keyId={keyId} />
      <KeyCardDownload db={db} />
      <h3>{t('onboarding_backup_title')}</h3>
      <p>{t('onboarding_backup_how')}</p>
      <p>
        <a href={api.dashboardUrl} target="_blank" rel="noopener" data-testid="onboarding-open-dashboard">
          {t('onboarding_backup_link')}
        </a>
      </p>
      <button type="button" data-testid="onboarding-key-noted" onClick={onNoted}>
        {t('onboarding_key_noted')}
      </button>
    </>
  );
}

/** The built-in sample post, marked as practice on its face. */
function SamplePost() {
  return (
    <article class="onboarding-sample" data-testid="onboarding-sample-post">
      <p class="onboarding-sample-flag">{t('onboarding_sample_flag')}</p>
      <p class="onboarding-sample-author">
        <strong>{t('onboarding_sample_author')}</strong> <span dir="ltr">{SAMPLE_HANDLE}</span>
      </p>
      <p class="onboarding-sample-text">{t('onboarding_sample_text')}</p>
      <p class="onboarding-sample-time">
        <time dateTime={SAMPLE_POSTED_AT}>{new Date(SAMPLE_POSTED_AT).toLocaleString(document.documentElement.lang || undefined, SAMPLE_TIME_FORMAT)}</time>
      </p>
    </article>
  );
}

function practiceRequest(article: HTMLElement): CaptureRequest {
  const box = article.getBoundingClientRect();
  return {
    post: {
      platform: 'generic',
      author: { name: t('onboarding_sample_author'), handle: SAMPLE_HANDLE },
      text: article.querySelector('.onboarding-sample-text')?.textContent ?? '',
      postedAt: SAMPLE_POSTED_AT,
      postedAtSource: 'attribute',
      lang: document.documentElement.lang || 'en',
    },
    snapshotHtml: `<!doctype html><html><head><meta charset="utf-8"><title>PostProof practice</title></head><body>${article.outerHTML}</body></html>`,
    rect: { x: box.x, y: box.y, width: box.width, height: box.height },
    viewport: { width: window.innerWidth, height: window.innerHeight, devicePixelRatio: window.devicePixelRatio },
    page: { url: location.href, title: document.title },
    locale: navigator.language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    userAgent: navigator.userAgent,
  };
}

function PracticeStep({ api, captureId, screenshotsAllowed, onCaptured }: { api: OnboardingApi; captureId: string | undefined; screenshotsAllowed: boolean; onCaptured(id: string): void }) {
  const sample = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ busy: boolean; text: string; error?: boolean; missing?: string[]; noShot?: boolean }>({ busy: false, text: '' });
  async function preserve() {
    const article = sample.current?.querySelector<HTMLElement>('.onboarding-sample');
    if (!article) return;
    article.scrollIntoView({ block: 'center' });
    setState({ busy: true, text: t('onboarding_practice_running') });
    // Two frames: the scroll is painted before the background takes the screenshot of the tab.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    try {
      const reply = await api.practice(practiceRequest(article));
      if (!reply.ok) {
        setState({ busy: false, text: reply.message, error: true });
        return;
      }
      onCaptured(reply.captureId);
      setState({
        busy: false,
        text: t('onboarding_practice_saved'),
        missing: reply.missing.map((m) => `${m.role}: ${m.reason}`),
        noShot: reply.missing.some((m) => m.role === 'screenshot'),
      });
    } catch (error) {
      setState({ busy: false, text: errorMessage(error), error: true });
    }
  }
  return (
    <>
      <p>{t('onboarding_practice_why')}</p>
      <div ref={sample}>
        <SamplePost />
      </div>
      <button type="button" class="primary" data-testid="onboarding-practice" disabled={state.busy} onClick={() => void preserve()}>
        {t('onboarding_practice_button')}
      </button>
      <div role="status" data-testid="onboarding-practice-result" data-capture-id={captureId ?? ''}>
        {state.text ? <p class={state.error ? 'error' : 'status'}>{state.text}</p> : null}
        {state.missing?.length ? (
          <>
            <p>{t('onboarding_practice_missing')}</p>
            <ul data-testid="onboarding-practice-missing">
              {state.missing.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
        {state.noShot && !screenshotsAllowed ? <p data-testid="onboarding-practice-no-screenshot">{t('onboarding_practice_no_screenshot')}</p> : null}
      </div>
      {captureId ? (
        <p>
          <a href={api.dashboardUrl} target="_blank" rel="noopener">
            {t('onboarding_practice_see')}
          </a>
        </p>
      ) : null}
    </>
  );
}

export function Onboarding({ api }: { api: OnboardingApi }) {
  const [granted, setGranted] = useState(false);
  const [settings, setSettings] = useState<Settings>();
  const [marks, setMarks] = useState<Partial<Record<StepId, Mark>>>({});
  const [practiceId, setPracticeId] = useState<string>();
  const [finished, setFinished] = useState(false);
  const [error, setError] = useState<string>();
  const finishedHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    api.permissions.contains({ origins: SCREENSHOT_ORIGINS }).then(setGranted, () => setGranted(false));
    api.readSettings().then(setSettings, (e: unknown) => setError(errorMessage(e)));
    api.storage.get(FIRST_RUN_STEPS_KEY).then((items) => {
      const stored = (items[FIRST_RUN_STEPS_KEY] ?? {}) as Partial<Record<StepId, Mark>> & { practiceCaptureId?: string };
      setMarks(stored);
      if (typeof stored.practiceCaptureId === 'string') setPracticeId(stored.practiceCaptureId);
    }, () => undefined);
  }, [api]);

  useEffect(() => {
    if (finished) finishedHeading.current?.focus();
  }, [finished]);

  function mark(id: StepId, value: Mark, extra: Record<string, unknown> = {}) {
    const next = { ...marks, [id]: value, ...extra };
    setMarks(next);
    void api.storage.set({ [FIRST_RUN_STEPS_KEY]: next }).catch(() => undefined);
    if (value === 'skipped') {
      // On to the next step, for keyboard and screen-reader users too.
      const following = ORDER[ORDER.indexOf(id) + 1];
      const target = following ? document.getElementById(`step-${following}-title`) : document.querySelector<HTMLElement>('[data-testid="onboarding-done"]');
      target?.focus();
    }
  }

  const done: Record<StepId, boolean> = {
    about: marks.about === 'done',
    screenshots: granted,
    collector: Boolean(settings?.collector?.name?.trim()),
    time: settings ? chosenAuthorities(settings).length > 0 : false,
    key: marks.key === 'done',
    practice: practiceId !== undefined,
  };
  const step = (id: StepId, children: ComponentChildren) => (
    <Step id={id} n={ORDER.indexOf(id) + 1} done={done[id]} skipped={marks[id] === 'skipped'} onSkip={() => mark(id, 'skipped')}>
      {children}
    </Step>
  );
  const left = ORDER.filter((id) => !done[id]);

  function finish() {
    void api.storage.set({ [FIRST_RUN_DONE_KEY]: true }).catch(() => undefined);
    setFinished(true);
  }

  return (
    <main class="onboarding" data-testid="onboarding" data-finished={finished ? 'true' : 'false'}>
      <h1>{t('onboarding_heading')}</h1>
      <p class="onboarding-lead">{t('onboarding_lead')}</p>
      {error ? (
        <p class="error" role="alert">
          {t('options_read_failed', error)}
        </p>
      ) : null}
      <ol class="onboarding-steps">
        <li>
          {step(
            'about',
            <>
              <p>{t('onboarding_about_what')}</p>
              <ul>
                <li>{t('onboarding_about_local')}</li>
                <li>{t('onboarding_about_leaves')}</li>
                <li>{t('onboarding_about_never')}</li>
              </ul>
              {done.about ? null : (
                <button type="button" data-testid="onboarding-about-ok" onClick={() => mark('about', 'done')}>
                  {t('onboarding_about_ok')}
                </button>
              )}
            </>,
          )}
        </li>
        <li>{step('screenshots', <ScreenshotsStep api={api} granted={granted} setGranted={setGranted} />)}</li>
        <li>{step('collector', settings ? <CollectorStep api={api} settings={settings} onSaved={setSettings} /> : null)}</li>
        <li>{step('time', settings ? <TimeStep api={api} settings={settings} onSaved={setSettings} /> : null)}</li>
        <li>{step('key', <KeyStep api={api} onNoted={() => mark('key', 'done')} />)}</li>
        <li>
          {step(
            'practice',
            <PracticeStep
              api={api}
              captureId={practiceId}
              screenshotsAllowed={granted}
              onCaptured={(id) => {
                setPracticeId(id);
                mark('practice', 'done', { practiceCaptureId: id });
              }}
            />,
          )}
        </li>
      </ol>
      <section class="onboarding-finish" aria-labelledby="onboarding-finish-title">
        <h2 id="onboarding-finish-title" ref={finishedHeading} tabIndex={-1}>
          {finished ? t('onboarding_finished_title') : t('onboarding_finish_title')}
        </h2>
        {left.length ? (
          <p data-testid="onboarding-left">{t('onboarding_left', left.map((id) => t(STEP_TITLES[id])).join(', '))}</p>
        ) : (
          <p>{t('onboarding_all_done')}</p>
        )}
        {finished ? (
          <div data-testid="onboarding-finished">
            <p>{t('onboarding_next_title')}</p>
            <ol>
              <li>{t('onboarding_next_open')}</li>
              <li>{t('onboarding_next_preserve')}</li>
              <li>{t('onboarding_next_export')}</li>
            </ol>
            <p>
              <a href={api.optionsUrl}>{t('onboarding_next_options')}</a>
            </p>
          </div>
        ) : (
          <button type="button" class="primary" data-testid="onboarding-done" onClick={finish}>
            {t('onboarding_done')}
          </button>
        )}
      </section>
    </main>
  );
}
