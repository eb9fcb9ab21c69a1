// The element picker, injected on demand into the tab the popup's click or the command's gesture granted
// (PICKER_SCRIPT_FILE in utils/extension/site-access.ts): never listed in the manifest nor reachable by pages.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPicker } from '../utils/capture/page/start-picker';

export default defineUnlistedScript(() => startPicker());
