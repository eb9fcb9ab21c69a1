// The hosts where PostProof's content script runs: the supported platforms only, never all sites.
export const X_HOSTS = ['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com'];

export const CONTENT_SCRIPT_MATCHES = X_HOSTS.map((host) => `https://${host}/*`);
