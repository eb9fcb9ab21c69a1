// What the popup offers on a page the manifest does not cover: on a Mastodon instance (found by page structure),
// run PostProof on that origin now and, if wished, always; on any other page, pick an element to preserve.
import { useEffect, useState } from 'preact/hooks';
import type { SiteAccessMessage, SiteAccessReply } from '../utils/capture/protocol';
import { t } from '../utils/i18n/i18n';
import { CONTENT_SCRIPT_FILE, originPattern, PICKER_SCRIPT_FILE, probePage } from '../utils/extension/site-access';
import type { PageStatus } from './page-status';
import { errorMessage } from '../utils/error-message';

/** The extension APIs this needs, passed in so the component runs in tests without an extension. */
export interface SiteActionsApi {
  /** chrome.scripting.executeScript: `func` with `args`, or `files`, in the tab's top frame. */
  executeScript(injection: { target: { tabId: number }; func?: (selectors: string[]) => unknown; args?: unknown[]; files?: string[] }): Promise<{ result?: unknown }[]>;
  permissions: { request(p: { origins: string[] }): Promise<boolean> };
  sendToBackground(message: SiteAccessMessage): Promise<unknown>;
  /** The origins the user opted in to (storage). */
  storedOrigins(): Promise<string[]>;
}

export interface StructuralDetector {
  name: string;
  selector: string;
}

type Probe = { state: 'probing' } | { state: 'unreachable' } | { state: 'probed'; origin: string; platform?: string };

export function SiteActions(props: {
  tabId: number | undefined;
  status: PageStatus;
  detectors: readonly StructuralDetector[];
  api: SiteActionsApi;
  /** Called once the content script runs in the tab (the popup reads the page status again). */
  onInjected(): void;
  /** Called once the picker runs in the tab (the popup steps aside so the page can be clicked). */
  onPicking(): void;
  /** Called with the platform whose structure the page has (undefined: none), once the page was probed. */
  onProbed?(platform: string | undefined): void;
}) {
  const { tabId, status, detectors, api } = props;
  const [probe, setProbe] = useState<Probe>({ state: 'probing' });
  const [always, setAlways] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (tabId === undefined) return setProbe({ state: 'unreachable' });
    // Needs the activeTab grant of the toolbar click (or host access); pages such as chrome:// stay unreachable.
    api
      .executeScript({ target: { tabId }, func: probePage, args: [detectors.map((d) => d.selector)] })
      .then(async ([frame]) => {
        const result = frame?.result as ReturnType<typeof probePage> | undefined;
        if (!result || !/^https?:/.test(result.origin)) return setProbe({ state: 'unreachable' });
        const platform = detectors[result.detected]?.name;
        setProbe({ state: 'probed', origin: result.origin, platform });
        props.onProbed?.(platform);
        setAlways((await api.storedOrigins().catch((): string[] => [])).includes(result.origin));
      })
      .catch(() => setProbe({ state: 'unreachable' }));
  }, [tabId, api, detectors]);

  if (tabId === undefined || probe.state !== 'probed' || status.state === 'checking') return null;
  const { origin, platform } = probe;
  const scriptRuns = status.state !== 'unsupported';

  /** `key` is a message whose $1 is the reason. */
  const fail = (key: 'site_inject_failed' | 'site_pick_failed' | 'site_always_failed' | 'site_stop_failed') => (error: unknown) =>
    setMessage(t(key, errorMessage(error)));

  async function inject(): Promise<void> {
    if (!scriptRuns) await api.executeScript({ target: { tabId: tabId! }, files: [CONTENT_SCRIPT_FILE] });
  }

  function preserveHere() {
    inject().then(props.onInjected, fail('site_inject_failed'));
  }

  function pick() {
    inject()
      .then(() => api.executeScript({ target: { tabId: tabId! }, files: [PICKER_SCRIPT_FILE] }))
      .then(props.onPicking, fail('site_pick_failed'));
  }

  function toggleAlways(event: Event) {
    const wanted = (event.currentTarget as HTMLInputElement).checked;
    // The permission prompt only appears during the click: ask before anything else is awaited.
    const granted = wanted ? api.permissions.request({ origins: [originPattern(origin)] }) : Promise.resolve(false);
    granted
      .then((ok) => {
        if (wanted && !ok) throw new Error(t('site_access_denied'));
        return api.sendToBackground({ type: 'postproof/site-access', origin, always: wanted });
      })
      .then((reply) => {
        const answer = reply as SiteAccessReply | undefined;
        if (!answer?.ok) throw new Error(answer?.message ?? t('site_no_answer'));
        setAlways(answer.registered);
        setMessage(answer.registered ? t('site_always_on', origin) : t('site_always_off', origin));
      })
      .catch((error: unknown) => {
        setAlways(!wanted);
        fail(wanted ? 'site_always_failed' : 'site_stop_failed')(error);
      });
  }

  return (
    <div class="site-actions" data-testid="site-actions">
      {platform ? (
        <>
          {scriptRuns ? null : (
            <button type="button" data-testid="site-inject" onClick={preserveHere}>
              {t('site_inject', origin)}
            </button>
          )}
          <label class="hint">
            <input type="checkbox" data-testid="site-always" checked={always} onChange={toggleAlways} /> {t('site_always')}
          </label>
        </>
      ) : (
        <button type="button" data-testid="pick-element" onClick={pick} title={t('pick_element_hint')}>
          {t('pick_element')}
        </button>
      )}
      {/* The live region stays in the page; only its words change, so screen readers announce them. */}
      <div role="status">{message ? <p class="hint">{message}</p> : null}</div>
    </div>
  );
}
