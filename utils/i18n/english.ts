// English interface text for t() where chrome.i18n is absent: the unit and component tests (vitest.config.ts loads
// this file first, as a setup file) and any Node tool that prints interface text. Never imported by the extension,
// whose chrome.i18n always answers: its bundles stay free of the English file.
import english from '../../public/_locales/en/messages.json';
import { setFallbackMessages } from './i18n';

setFallbackMessages(english);
