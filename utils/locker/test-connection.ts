// "Test connection" on the options page: does this bucket really keep what PostProof pushes? Each check runs in
// order and the run stops at the first failure that makes the rest meaningless, so the user sees the one thing to fix.
// The last checks write a real small object under retention (it stays for 1 day: it cannot be removed, by design)
// and prove that deleting it is refused.
import { sha256Hex, toBase64, utf8 } from '../provenance/hash';
import { S3Error, type LockerConfig, type S3Api } from './s3-api';
import { md5Base64 } from './s3-client';

export interface ConnectionCheck {
  check: 'reach' | 'bucket' | 'versioning' | 'object-lock' | 'write' | 'read-back' | 'locked-delete';
  ok: boolean;
  message: string;
}

export interface ConnectionReport {
  ok: boolean;
  checks: ConnectionCheck[];
}

const DAY_MS = 86_400_000;

/** A key under the locker prefix: no leading slash, no double slash, '' for the bucket root. */
export function lockerKey(prefix: string, ...parts: string[]): string {
  return [...prefix.split('/'), ...parts].filter((part) => part !== '').join('/');
}

/** What an S3Error on the first call means for the settings, as a sentence to act on. */
function reachFailure(error: S3Error, config: LockerConfig): ConnectionCheck {
  if (error.kind === 'network') {
    return { check: 'reach', ok: false, message: `${error.message} Check the address (${config.endpoint}) and that the server is online.` };
  }
  if (error.code === 'InvalidAccessKeyId') {
    return { check: 'reach', ok: false, message: 'The access key was refused (InvalidAccessKeyId): check the key and secret.' };
  }
  if (error.code === 'SignatureDoesNotMatch') {
    return {
      check: 'reach',
      ok: false,
      message: 'The secret key was refused (SignatureDoesNotMatch): check the secret key, and the region if the server asks for one.',
    };
  }
  if (error.code === 'RequestTimeTooSkewed') {
    return { check: 'reach', ok: false, message: "The server refused the request because this computer's clock is wrong (RequestTimeTooSkewed): set the clock right." };
  }
  return { check: 'reach', ok: false, message: error.message };
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function testLockerConnection(api: S3Api, config: LockerConfig, now: Date = new Date()): Promise<ConnectionReport> {
  const checks: ConnectionCheck[] = [];
  const report = (): ConnectionReport => ({ ok: checks.every((c) => c.ok), checks });
  const bucket = config.bucket;

  // One call answers three questions: the server answers, the keys are accepted, the bucket exists.
  let versioning: Awaited<ReturnType<S3Api['bucketVersioning']>>;
  try {
    versioning = await api.bucketVersioning();
  } catch (error) {
    if (!(error instanceof S3Error)) throw error;
    if (error.code === 'NoSuchBucket') {
      checks.push({ check: 'reach', ok: true, message: `The server at ${config.endpoint} answered and accepted the keys.` });
      checks.push({ check: 'bucket', ok: false, message: `There is no bucket named ${bucket}: check the name, or create it with Object Lock enabled.` });
    } else if (error.code === 'AccessDenied') {
      checks.push({ check: 'reach', ok: true, message: `The server at ${config.endpoint} answered and accepted the keys.` });
      checks.push({ check: 'bucket', ok: false, message: `These keys may not use bucket ${bucket} (AccessDenied): ask the server's administrator for access.` });
    } else {
      checks.push(reachFailure(error, config));
    }
    return report();
  }
  checks.push({ check: 'reach', ok: true, message: `The server at ${config.endpoint} answered and accepted the keys.` });
  checks.push({ check: 'bucket', ok: true, message: `Bucket ${bucket} exists.` });

  if (versioning !== 'Enabled') {
    const state = versioning === 'Off' ? 'off' : 'suspended';
    checks.push({
      check: 'versioning',
      ok: false,
      message: `Versioning is ${state} on bucket ${bucket}: Object Lock needs it; create the bucket with Object Lock enabled.`,
    });
    return report();
  }
  checks.push({ check: 'versioning', ok: true, message: `Versioning is on for bucket ${bucket}.` });

  try {
    const lock = await api.objectLockConfiguration();
    if (!lock.enabled) {
      checks.push({
        check: 'object-lock',
        ok: false,
        message: `Object Lock is not enabled on bucket ${bucket}: without it anyone with the keys can delete what PostProof pushes. Create a new bucket with Object Lock enabled (most servers cannot turn it on later).`,
      });
      return report();
    }
    const byDefault = lock.defaultMode ? ` (by default ${lock.defaultMode}, ${lock.defaultDays ?? '?'} days)` : '';
    checks.push({ check: 'object-lock', ok: true, message: `Object Lock is enabled on bucket ${bucket}${byDefault}.` });
  } catch (error) {
    checks.push({ check: 'object-lock', ok: false, message: `Could not read the Object Lock settings: ${reason(error)}` });
    return report();
  }

  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const random = toBase64(crypto.getRandomValues(new Uint8Array(6))).replace(/[+/=]/g, 'x');
  const key = lockerKey(config.prefix, '.postproof-test', `${stamp}-${random}.txt`);
  const body = utf8(`PostProof connection test, ${now.toISOString()}. Kept under Object Lock for 1 day.\n`);
  const sha256 = await sha256Hex(body);
  const retainUntil = new Date(now.getTime() + DAY_MS).toISOString();
  let versionId: string | undefined;
  try {
    const receipt = await api.putObject(key, body, {
      md5Base64: md5Base64(body),
      sha256Hex: sha256,
      contentType: 'text/plain; charset=utf-8',
      lock: { mode: config.mode, retainUntil },
    });
    versionId = receipt.versionId;
    checks.push({
      check: 'write',
      ok: true,
      message: `Wrote the test object ${key} with ${config.mode} retention; it stays in the bucket for 1 day (until ${retainUntil}) and cannot be deleted before.`,
    });
  } catch (error) {
    const hint = error instanceof S3Error && error.kind === 'auth' ? ' These keys may read but not write: they need write access.' : '';
    checks.push({ check: 'write', ok: false, message: `Could not write a test object: ${reason(error)}${hint}` });
    return report();
  }

  try {
    const got = await api.getObject(key, versionId);
    const same = (await sha256Hex(got.body)) === sha256;
    if (!same) {
      checks.push({ check: 'read-back', ok: false, message: `The test object ${key} came back with different bytes: the server does not keep what it is sent.` });
      return report();
    }
    if (got.lock.mode !== config.mode || !got.lock.retainUntil) {
      checks.push({
        check: 'read-back',
        ok: false,
        message: `The test object ${key} came back without its ${config.mode} lock: the server does not apply retention to new objects.`,
      });
      return report();
    }
    checks.push({ check: 'read-back', ok: true, message: `Read the test object back: same SHA-256, locked ${got.lock.mode} until ${got.lock.retainUntil}.` });
  } catch (error) {
    checks.push({ check: 'read-back', ok: false, message: `Could not read the test object back: ${reason(error)}` });
    return report();
  }

  if (!versionId) {
    checks.push({ check: 'locked-delete', ok: false, message: 'The server gave the test object no version id, so its versions cannot be protected: check that versioning works on this bucket.' });
    return report();
  }
  try {
    await api.deleteObjectVersion(key, versionId);
    checks.push({
      check: 'locked-delete',
      ok: false,
      message: `Deleting the locked test object succeeded: Object Lock is not protecting the objects in bucket ${bucket}. Do not use it as an evidence locker.`,
    });
  } catch (error) {
    if (error instanceof S3Error && error.kind === 'locked') {
      checks.push({ check: 'locked-delete', ok: true, message: 'Deleting the test object was refused, as it should be: Object Lock protects what PostProof pushes.' });
    } else {
      checks.push({ check: 'locked-delete', ok: false, message: `Deleting the test object failed for another reason than its lock: ${reason(error)}` });
    }
  }
  return report();
}
