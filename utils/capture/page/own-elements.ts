// The custom elements PostProof adds to a page, named once: quiet mode takes them all away (page-controls.ts), and
// the batch draws its panel under its tag (utils/batch/batch-page-panel.ts), so capture never imports the batch.
export const BATCH_PANEL_TAG = 'postproof-batch';
