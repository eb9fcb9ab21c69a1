// Parses a saved platform page into a DOM for unit tests: no script runs and nothing is fetched.
import { Window } from 'happy-dom';
import { readFixturePage } from './fixtures';

/**
 * A happy-dom window in which nothing runs or loads: saved pages still carry the platforms' <script> tags, so
 * evaluation, script, CSS, image and frame loading and navigation are all off, whatever the defaults become.
 */
export function inertWindow(url: string): Window {
  return new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: false,
      disableJavaScriptFileLoading: true,
      enableCSSFileLoading: false,
      enableImageFileLoading: false,
      enableIframePageLoading: false,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
}

/** Parses the fixture page, hands its document to `use`, waits for what it returns, then closes the window. */
export async function withFixtureDocument<T>(
  folder: string,
  file: string,
  pageUrl: string,
  use: (document: Document) => T,
): Promise<Awaited<T>> {
  const window = inertWindow(pageUrl);
  try {
    const parsed = new window.DOMParser().parseFromString(readFixturePage(folder, file), 'text/html');
    // happy-dom implements the DOM standard with its own classes; the adapters are typed against lib.dom.
    // Awaited before the window closes: an asynchronous `use` still has the window's timers and frames.
    return await use(parsed as unknown as Document);
  } finally {
    await window.happyDOM.close();
  }
}
