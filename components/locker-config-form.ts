// The evidence locker's settings as the form holds them (strings, as typed) and the checks run before saving: pure,
// tested alone. Each problem is a message key shown next to its field, so the form says what to fix where.
import type { MessageKey } from '../utils/i18n/i18n';
import type { LockerConfig, LockMode } from '../utils/locker/s3-api';

export interface LockerFormValues {
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  accessKeyId: string;
  secretAccessKey: string;
  retentionDays: string;
  mode: LockMode;
  legalHold: boolean;
  autoPush: boolean;
  /** Signed with the access key, or presigned by the team's service (no S3 key in this browser). */
  auth: 'key' | 'presign';
  presignUrl: string;
  presignToken: string;
}

export type LockerField = 'endpoint' | 'region' | 'bucket' | 'prefix' | 'accessKeyId' | 'secretAccessKey' | 'retentionDays' | 'presignUrl' | 'presignToken';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 36_500;

/** Hosts where plain http is allowed: a locker on this machine (a local MinIO or Ceph for testing), never the network. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function formFromConfig(config: LockerConfig | undefined): LockerFormValues {
  return {
    endpoint: config?.endpoint ?? '',
    region: config?.region ?? 'us-east-1',
    bucket: config?.bucket ?? '',
    prefix: config?.prefix ?? '',
    accessKeyId: config?.accessKeyId ?? '',
    secretAccessKey: config?.secretAccessKey ?? '',
    retentionDays: String(config?.retentionDays ?? 365),
    mode: config?.mode ?? 'COMPLIANCE',
    legalHold: config?.legalHold ?? false,
    autoPush: config?.autoPush ?? false,
    auth: config?.auth ?? 'key',
    presignUrl: config?.presignUrl ?? '',
    presignToken: config?.presignToken ?? '',
  };
}

/** The presigning service's URL (a path is allowed), or its problem: https, or plain http on this machine only. */
export function presignUrlProblem(raw: string): MessageKey | undefined {
  const text = raw.trim();
  if (!text) return 'locker_error_presign_url';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'locker_error_presign_url';
  }
  if (url.username || url.password || url.hash) return 'locker_error_presign_url';
  if (url.protocol === 'https:') return undefined;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? undefined : 'locker_error_presign_url';
}

/** The endpoint as an origin (`https://host:port`), or the problem with it; `local` when plain http to this machine. */
export function checkEndpoint(raw: string): { origin: string; local: boolean } | { problem: MessageKey } {
  const text = raw.trim();
  if (!text) return { problem: 'locker_error_endpoint_empty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'locker_error_endpoint_url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'locker_error_endpoint_url' };
  if (url.username || url.password) return { problem: 'locker_error_endpoint_url' };
  // Path-style addressing: the bucket goes after the host, so the endpoint itself has no path, query or fragment.
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(text)) return { problem: 'locker_error_endpoint_path' };
  const local = url.protocol === 'http:';
  if (local && !LOOPBACK.has(url.hostname)) return { problem: 'locker_error_endpoint_http' };
  return { origin: url.origin, local };
}

/** S3's bucket naming rules (general purpose buckets): 3–63 characters of a-z 0-9 . -, not shaped like an IP address. */
export function bucketProblem(raw: string): MessageKey | undefined {
  const name = raw.trim();
  if (!name) return 'locker_error_bucket_empty';
  if (
    name.length < 3 ||
    name.length > 63 ||
    !/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) ||
    name.includes('..') ||
    name.includes('.-') ||
    name.includes('-.') ||
    /^\d+\.\d+\.\d+\.\d+$/.test(name)
  ) {
    return 'locker_error_bucket_rules';
  }
  return undefined;
}

/** The prefix trimmed of spaces and trailing slashes, or its problem: a leading slash, `..`, or an empty segment. */
export function checkPrefix(raw: string): { prefix: string } | { problem: MessageKey } {
  const prefix = raw.trim().replace(/\/+$/, '');
  if (prefix.startsWith('/')) return { problem: 'locker_error_prefix_slash' };
  if (prefix.includes('..')) return { problem: 'locker_error_prefix_dots' };
  if (prefix.includes('//') || prefix.includes('\\')) return { problem: 'locker_error_prefix_slash' };
  return { prefix };
}

export function retentionProblem(raw: string): MessageKey | undefined {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return 'locker_error_retention';
  const days = Number(text);
  return days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS ? 'locker_error_retention' : undefined;
}

export interface LockerFormCheck {
  /** The config to save, when no field has a problem. */
  config?: LockerConfig;
  errors: Partial<Record<LockerField, MessageKey>>;
  /** Plain http to this machine: allowed, and said. */
  localEndpoint: boolean;
}

export function validateLockerForm(values: LockerFormValues): LockerFormCheck {
  const errors: Partial<Record<LockerField, MessageKey>> = {};
  const endpoint = checkEndpoint(values.endpoint);
  if ('problem' in endpoint) errors.endpoint = endpoint.problem;
  const region = values.region.trim();
  if (!region) errors.region = 'locker_error_region';
  else if (/\s/.test(region)) errors.region = 'locker_error_region';
  const bucket = bucketProblem(values.bucket);
  if (bucket) errors.bucket = bucket;
  const prefix = checkPrefix(values.prefix);
  if ('problem' in prefix) errors.prefix = prefix.problem;
  const presign = values.auth === 'presign';
  if (presign) {
    const problem = presignUrlProblem(values.presignUrl);
    if (problem) errors.presignUrl = problem;
    if (!values.presignToken.trim()) errors.presignToken = 'locker_error_key_empty';
  } else {
    if (!values.accessKeyId.trim()) errors.accessKeyId = 'locker_error_key_empty';
    if (!values.secretAccessKey.trim()) errors.secretAccessKey = 'locker_error_key_empty';
  }
  const retention = retentionProblem(values.retentionDays);
  if (retention) errors.retentionDays = retention;
  const localEndpoint = 'origin' in endpoint && endpoint.local;
  if (Object.keys(errors).length > 0 || 'problem' in endpoint || 'problem' in prefix) return { errors, localEndpoint };
  return {
    errors,
    localEndpoint,
    config: {
      endpoint: endpoint.origin,
      region,
      bucket: values.bucket.trim(),
      prefix: prefix.prefix,
      // In presign mode the install keeps no S3 key at all.
      accessKeyId: presign ? '' : values.accessKeyId.trim(),
      secretAccessKey: presign ? '' : values.secretAccessKey.trim(),
      retentionDays: Number(values.retentionDays.trim()),
      mode: values.mode,
      legalHold: values.legalHold,
      autoPush: values.autoPush,
      ...(presign ? { auth: 'presign' as const, presignUrl: values.presignUrl.trim(), presignToken: values.presignToken.trim() } : {}),
    },
  };
}
