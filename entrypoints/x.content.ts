// Content script on x's own hosts: that platform's adapter only, started like every site (utils/capture/page/start-content.ts).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../utils/capture/page/start-content';
import { X_HOSTS, matchPatterns } from '../utils/platforms/hosts';
import '../utils/platforms/x';

export default defineContentScript({ matches: matchPatterns(X_HOSTS), runAt: 'document_idle', main: startContent });
