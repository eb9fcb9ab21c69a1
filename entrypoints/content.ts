// The content script for sites outside the manifest: injected by the popup into the tab its toolbar click granted,
// registered for the origins the user opted in to (utils/extension/site-access.ts, CONTENT_SCRIPT_FILE), and injected
// by the keyboard command and the context menu where no script runs yet (utils/batch/shortcuts.ts). It carries the
// adapters found by page structure (Mastodon); elsewhere the element picker preserves a generic capture. The
// platforms' own hosts get their own scripts (entrypoints/<platform>.content.ts).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../utils/capture/page/start-content';
import '../utils/platforms/mastodon';

// Registered at run time, never declared in the manifest: no matches, so no host permission is added either.
export default defineContentScript({ registration: 'runtime', runAt: 'document_idle', main: startContent });
