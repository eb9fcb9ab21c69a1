// Content script on instagram's own hosts: that platform's adapter only, started like every site (utils/capture/page/start-content.ts).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../utils/capture/page/start-content';
import { INSTAGRAM_HOSTS, matchPatterns } from '../utils/platforms/hosts';
import '../utils/platforms/instagram';

export default defineContentScript({ matches: matchPatterns(INSTAGRAM_HOSTS), runAt: 'document_idle', main: startContent });
