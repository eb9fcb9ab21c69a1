// A whole interface sentence with elements where its $1, $2, … stand (a file name in <code>, a <time>): the words
// stay one message, so each language puts the elements where its grammar wants them.
import { Fragment, type ComponentChildren } from 'preact';
import { tParts, type MessageKey } from '../utils/i18n/i18n';

export function Message({ id, slots }: { id: MessageKey; slots: readonly ComponentChildren[] }) {
  return <>{tParts(id, slots.length).map((part, index) => <Fragment key={index}>{typeof part === 'number' ? slots[part] : part}</Fragment>)}</>;
}
