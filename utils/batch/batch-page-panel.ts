// The batch's progress panel on the page (<postproof-batch>, open shadow root): what the batch did, with pause,
// resume and cancel that answer the person's own clicks only. In quiet mode a batch draws no panel: its progress is
// in the popup and the side panel only.
import { isUserEvent } from '../capture/page/user-event';
import { BATCH_PANEL_TAG } from '../capture/page/own-elements';
import { batchPercent, type BatchCounts, type BatchStatus } from './state';


/** What the batch loop tells the page, whether or not a panel is drawn. */
export interface BatchProgressPanel {
  show(status: BatchStatus, counts: BatchCounts, limit: number, message?: string): void;
  /** Hidden while a post's screenshot is taken. */
  setHidden(hidden: boolean): void;
  remove(): void;
}

export type PanelAction = 'pause' | 'resume' | 'cancel';

const PANEL_STYLE = `
:host { all: initial; position: fixed; inset-block-end: 16px; inset-inline-end: 16px; z-index: 2147483647; }
.panel { font: 13px/1.4 system-ui, sans-serif; background: #fff; color: #0f1419; border: 1px solid #5b6b7a; border-radius: 8px;
  padding: 10px 12px; inline-size: 280px; box-shadow: 0 2px 12px rgba(0,0,0,.2); }
.bar { block-size: 6px; background: #e6e9ec; border-radius: 3px; overflow: hidden; margin: 6px 0; }
.fill { block-size: 100%; background: #1d72d8; }
.buttons { display: flex; gap: 6px; }
button { font: 600 12px system-ui, sans-serif; border-radius: 999px; padding: 3px 10px; border: 1px solid #5b6b7a; background: #fff; cursor: pointer; }
button:focus-visible { outline: 2px solid #1d72d8; outline-offset: 2px; }
`;

/** The progress panel on the page: what the batch did, and pause, resume, cancel. Hidden from screenshots. */
class BatchPagePanel implements BatchProgressPanel {
  readonly host: HTMLElement;
  private readonly text: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly pause: HTMLButtonElement;
  private readonly resume: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;

  constructor(doc: Document, steer: (action: PanelAction) => void) {
    this.host = doc.createElement(BATCH_PANEL_TAG);
    this.host.dataset.testid = 'batch-panel';
    const root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = PANEL_STYLE;
    const panel = doc.createElement('div');
    panel.className = 'panel';
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', 'PostProof batch capture');
    this.text = doc.createElement('p');
    this.text.setAttribute('role', 'status');
    this.text.style.margin = '0';
    this.bar = doc.createElement('div');
    this.bar.className = 'bar';
    this.bar.setAttribute('role', 'progressbar');
    this.bar.setAttribute('aria-valuemin', '0');
    this.bar.setAttribute('aria-valuemax', '100');
    this.fill = doc.createElement('div');
    this.fill.className = 'fill';
    this.bar.append(this.fill);
    const buttons = doc.createElement('div');
    buttons.className = 'buttons';
    const button = (label: string, action: PanelAction) => {
      const b = doc.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.dataset.testid = `batch-${action}`;
      // The person's own click only: a page script must not resume (or stop) a batch.
      b.addEventListener('click', (event) => {
        if (isUserEvent(event)) steer(action);
      });
      buttons.append(b);
      return b;
    };
    this.pause = button('Pause', 'pause');
    this.resume = button('Resume', 'resume');
    this.cancel = button('Cancel', 'cancel');
    panel.append(this.text, this.bar, buttons);
    root.append(style, panel);
    doc.documentElement.append(this.host);
  }

  show(status: BatchStatus, counts: BatchCounts, limit: number, message?: string): void {
    const percent = batchPercent({ captured: counts.captured, limit, status });
    this.host.dataset.status = status;
    this.bar.setAttribute('aria-valuenow', String(percent));
    this.fill.style.inlineSize = `${percent}%`;
    const line = `${counts.captured} captured, ${counts.skipped} already preserved, ${counts.failed} failed`;
    const heading = { running: 'Preserving all posts', paused: 'Paused', cancelled: 'Cancelled', done: 'Finished', interrupted: 'Interrupted' }[status];
    this.text.textContent = `${heading}: ${line}.${message ? ` ${message}` : ''}`;
    const active = status === 'running' || status === 'paused';
    this.pause.hidden = status !== 'running';
    this.resume.hidden = status !== 'paused';
    this.cancel.textContent = active ? 'Cancel' : 'Close';
  }

  setHidden(hidden: boolean): void {
    this.host.style.visibility = hidden ? 'hidden' : '';
  }

  remove(): void {
    this.host.remove();
  }
}

/** Quiet mode: nothing on the page. */
const NO_PANEL: BatchProgressPanel = { show: () => undefined, setHidden: () => undefined, remove: () => undefined };

/** A panel on the page, or none in quiet mode. */
export function batchProgressPanel(doc: Document, quiet: boolean, steer: (action: PanelAction) => void): BatchProgressPanel {
  return quiet ? NO_PANEL : new BatchPagePanel(doc, steer);
}
