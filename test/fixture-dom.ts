// Parses a saved platform page into a DOM for unit tests: no script runs and nothing is fetched.
import { Window } from 'happy-dom';
import { readFixturePage } from './fixtures';

/** Parses the fixture page, hands its document to `use`, then closes the window. */
export async function withFixtureDocument<T>(
  folder: string,
  file: string,
  pageUrl: string,
  use: (document: Document) => T,
): Promise<T> {
  // The pages still carry the platforms' <script> tags: evaluation, script and CSS loading and navigation are
  // all off, so parsing stays offline and inert whatever the happy-dom defaults become.
  const window = new Window({
    url: pageUrl,
    settings: {
      enableJavaScriptEvaluation: false,
      disableJavaScriptFileLoading: true,
      enableCSSFileLoading: false,
      enableImageFileLoading: false,
      enableIframePageLoading: false,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  try {
    const parsed = new window.DOMParser().parseFromString(readFixturePage(folder, file), 'text/html');
    // happy-dom implements the DOM standard with its own classes; the adapters are typed against lib.dom.
    return use(parsed as unknown as Document);
  } finally {
    await window.happyDOM.close();
  }
}
