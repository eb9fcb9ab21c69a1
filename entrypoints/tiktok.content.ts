// Content script on tiktok's own hosts: that platform's adapter only, started like every site (utils/capture/page/start-content.ts).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../utils/capture/page/start-content';
import { TIKTOK_HOSTS, matchPatterns } from '../utils/platforms/hosts';
import '../utils/platforms/tiktok';

export default defineContentScript({ matches: matchPatterns(TIKTOK_HOSTS), runAt: 'document_idle', main: startContent });
