// EmptyState: what an empty list means and what to do next, never a bare "nothing here".
// Usage: <EmptyState title={state} testId="empty-state">{whatToDo}</EmptyState>
//        <EmptyState title="…" action={<button type="button" onClick={…}>…</button>}>…</EmptyState>
import type { ComponentChildren } from 'preact';
import './ui.css';

export interface EmptyStateProps {
  /** One short line: the state ("No captures yet"). */
  title: ComponentChildren;
  /** What to do next, in a sentence or a short list. */
  children?: ComponentChildren;
  /** A button or link that does the next step. */
  action?: ComponentChildren;
  testId?: string;
}

export function EmptyState({ title, children, action, testId }: EmptyStateProps) {
  return (
    <div class="pp-empty" data-testid={testId} role="status">
      <p class="pp-empty-title">{title}</p>
      {children ? <div class="pp-empty-body">{children}</div> : null}
      {action ? <div class="pp-empty-action">{action}</div> : null}
    </div>
  );
}
