// The Firefox build's manifest differences (wxt build -b firefox), applied by a WXT hook in wxt.config.ts. Firefox MV3
// needs an add-on id and a data-collection declaration, and has no sidePanel API (the popup shows the running batch)
// and no pageCapture API (the whole-page MHTML copy is named in missing[]).
interface ManifestLike {
  permissions?: string[];
  optional_permissions?: string[];
  browser_specific_settings?: { gecko?: Record<string, unknown> };
  sidebar_action?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * The add-on's id on addons.mozilla.org and in every Firefox it is installed in: updates, and the store kept under it,
 * follow this id, so it never changes once published. A GUID, the form AMO itself assigns (an e-mail-like id should be
 * on a domain the publisher owns, and PostProof has none).
 */
export const FIREFOX_ADDON_ID = '{a76c5d36-0711-4dc4-a934-f202e59aa7a5}';
/**
 * The oldest Firefox the add-on installs in: the ESR the end-to-end suite runs (Debian's firefox-esr, 153.x; Tor
 * Browser follows the same ESR line). An older ESR was never tested, so it is not claimed.
 */
export const FIREFOX_MIN_VERSION = '153.0';
/** Chrome-only permissions, with what Firefox users get instead. */
export const CHROME_ONLY_PERMISSIONS: Readonly<Record<string, string>> = {
  sidePanel: 'the running batch is shown in the popup only',
  pageCapture: 'no whole-page MHTML copy; a capture made with that setting on names the page copy in missing[]',
};

export function firefoxManifest(manifest: ManifestLike): void {
  manifest.permissions = (manifest.permissions ?? []).filter((permission) => !(permission in CHROME_ONLY_PERMISSIONS));
  if (manifest.optional_permissions) {
    manifest.optional_permissions = manifest.optional_permissions.filter((permission) => !(permission in CHROME_ONLY_PERMISSIONS));
    if (manifest.optional_permissions.length === 0) delete manifest.optional_permissions;
  }
  // Firefox opens an add-on's sidebar when it is installed; PostProof's shows a batch and the newest captures, which
  // mean nothing yet, so it opens when the user asks (the popup's "beside the page" button).
  if (manifest.sidebar_action) manifest.sidebar_action = { ...manifest.sidebar_action, open_at_install: false };
  manifest.browser_specific_settings = {
    ...manifest.browser_specific_settings,
    gecko: {
      ...manifest.browser_specific_settings?.gecko,
      id: FIREFOX_ADDON_ID,
      strict_min_version: FIREFOX_MIN_VERSION,
      // PostProof collects nothing: every capture stays in the user's browser until they export it.
      data_collection_permissions: { required: ['none'] },
    },
  };
}
