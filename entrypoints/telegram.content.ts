// Content script on telegram's own hosts: that platform's adapter only, started like every site (utils/capture/page/start-content.ts).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../utils/capture/page/start-content';
import { TELEGRAM_HOSTS, matchPatterns } from '../utils/platforms/hosts';
import '../utils/platforms/telegram';

export default defineContentScript({ matches: matchPatterns(TELEGRAM_HOSTS), runAt: 'document_idle', main: startContent });
