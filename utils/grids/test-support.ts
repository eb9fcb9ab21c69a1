// Test helpers of utils/grids: the content script's listener with a capture that is never called.
import { gridMessageListener } from './content-wiring';

export { gridListCreate, gridListName } from './messages';

export function gridMessageListenerFor(doc: Document) {
  return gridMessageListener(doc, {
    preserveTile: () => Promise.reject(new Error('No tile is kept in this test.')),
  });
}
