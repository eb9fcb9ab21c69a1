// Card: a titled section on a raised surface, the building block of the options, the popup and other pages.
// Usage: <Card title={heading}>…</Card>                           → <section class="pp-card"> with an <h2>
//        <Card title="…" level={3} hint="one line under the title" testId="…" class="extra">…</Card>
// The heading labels the section (aria-labelledby), so a screen reader's landmarks list names it.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import './ui.css';

export interface CardProps {
  title?: ComponentChildren;
  /** Heading level of the title (2 by default: pages have one h1). */
  level?: 2 | 3 | 4;
  /** A muted line under the title: what this section is for. */
  hint?: ComponentChildren;
  testId?: string;
  class?: string;
  children?: ComponentChildren;
}

export function Card({ title, level = 2, hint, testId, class: extra, children }: CardProps) {
  const id = useId();
  const Heading = `h${level}` as 'h2';
  return (
    <section class={`pp-card${extra ? ` ${extra}` : ''}`} data-testid={testId} aria-labelledby={title ? id : undefined}>
      {title ? <Heading id={id} class="pp-card-title">{title}</Heading> : null}
      {hint ? <p class="pp-card-hint">{hint}</p> : null}
      {children}
    </section>
  );
}
