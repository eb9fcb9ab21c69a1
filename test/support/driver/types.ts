// One driver layer, two back ends: the end-to-end flows that are the same in Chromium (Playwright) and Firefox
// (puppeteer-core over WebDriver BiDi, ../shared/FIREFOX.md) are written once against these interfaces.
//
// Selectors are CSS with ` >>> ` where a step goes into an open shadow root (the in-page control lives in one):
// puppeteer reads that combinator as is; the Playwright back end drops it, since its CSS pierces open shadow roots.

export type BrowserName = 'chromium' | 'firefox';

export interface DownloadedFile {
  /** Where the test can read it. */
  path: string;
  /** The file name the page suggested. */
  name: string;
}

export interface TestPage {
  /** The page's URL now. */
  url(): Promise<string>;
  /** How many elements match. */
  count(selector: string): Promise<number>;
  /** An attribute of the `index`th match (0 by default), or null when absent or no element matches. */
  attribute(selector: string, name: string, index?: number): Promise<string | null>;
  /** The `index`th match's text as rendered (innerText). */
  text(selector: string, index?: number): Promise<string>;
  /** A trusted click (the browser's own input, not element.click()) on the `index`th match, scrolled into view. */
  click(selector: string, index?: number): Promise<void>;
  /** Focuses the `index`th match and presses a key there, as trusted input. */
  press(selector: string, key: string, index?: number): Promise<void>;
  /** Ticks a checkbox (a trusted click when it is not ticked yet). */
  check(selector: string): Promise<void>;
  /** Replaces an input's value as typing would. */
  fill(selector: string, value: string): Promise<void>;
  /** Chooses an option of a select by value. */
  select(selector: string, value: string): Promise<void>;
  /** Chooses files in an <input type=file>, as the file picker would. */
  setFiles(selector: string, files: string[]): Promise<void>;
  /** Runs `fn` in the page (extension pages: with the extension's APIs). */
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Loads the page again and waits until it is complete. */
  reload(): Promise<void>;
  /** Runs `start` (e.g. a click on Export in this page) and returns the file the browser downloaded because of it. */
  download(start: () => Promise<void>, timeoutMs?: number): Promise<DownloadedFile>;
  /** Brings the tab to the front (a screenshot of a post needs its tab there). */
  front(): Promise<void>;
  close(): Promise<void>;
}

export interface TestBrowser {
  readonly name: BrowserName;
  /** chrome-extension://<id>/<path> or moz-extension://<uuid>/<path>. */
  extensionUrl(path: string): string;
  /** Opens a web page under its real URL (the fixture server answers) and waits for its load. */
  open(url: string): Promise<TestPage>;
  /** Opens one of the extension's pages in a tab and waits until its document is complete. */
  openExtension(path: string): Promise<TestPage>;
  /** Runs `fn` in an extension page, where `globalThis.browser` or `globalThis.chrome` holds the extension APIs. */
  inExtension<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** The browser's profile folder (to relaunch with the same store). */
  readonly profileDir: string;
  close(): Promise<void>;
}

export interface LaunchSpec {
  /** Port of the HTTPS fixture server: every host name is answered by it (localhost excepted). */
  port: number;
  /** Optional host patterns granted up front, as if the user had allowed them (a copy of the build, see extension-variants.ts). */
  grantedHosts?: string[];
  /** The interface language: 'ar' gives the Arabic interface, right to left. */
  language?: 'en' | 'ar';
  /** Keep this profile (and the store in it) instead of a fresh temporary one. */
  profileDir?: string;
  /** Leave the first-run tab the extension opens on install open (it is closed by default). */
  keepOnboarding?: boolean;
  /** Firefox only: extra preferences (e.g. a short event-page idle timeout). */
  firefoxPrefs?: Record<string, string | number | boolean>;
}
