// The locker form's checks: what may be saved, what is refused, and what is tidied before saving.
import { describe, expect, it } from 'vitest';
import { bucketProblem, checkEndpoint, checkPrefix, formFromConfig, presignUrlProblem, retentionProblem, validateLockerForm, type LockerFormValues } from './locker-config-form';

const good: LockerFormValues = {
  endpoint: 'https://s3.example.org',
  region: 'us-east-1',
  bucket: 'newsroom-evidence',
  prefix: 'desk/2026/',
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: 'secret',
  retentionDays: '365',
  mode: 'GOVERNANCE',
  legalHold: true,
  autoPush: false,
  auth: 'key',
  presignUrl: '',
  presignToken: '',
};

describe('the locker form', () => {
  it('turns good fields into the config, the endpoint as an origin and the prefix without trailing slashes', () => {
    const check = validateLockerForm({ ...good, endpoint: ' https://s3.example.org:9000/ ' });
    expect(check.errors).toEqual({});
    expect(check.config).toEqual({
      endpoint: 'https://s3.example.org:9000',
      region: 'us-east-1',
      bucket: 'newsroom-evidence',
      prefix: 'desk/2026',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      retentionDays: 365,
      mode: 'GOVERNANCE',
      legalHold: true,
      autoPush: false,
    });
  });

  it('refuses an endpoint with a path, a query, another scheme or plain http to another host', () => {
    expect(checkEndpoint('https://s3.example.org/bucket')).toEqual({ problem: 'locker_error_endpoint_path' });
    expect(checkEndpoint('https://s3.example.org?x=1')).toEqual({ problem: 'locker_error_endpoint_path' });
    expect(checkEndpoint('ftp://s3.example.org')).toEqual({ problem: 'locker_error_endpoint_url' });
    expect(checkEndpoint('s3.example.org')).toEqual({ problem: 'locker_error_endpoint_url' });
    expect(checkEndpoint('')).toEqual({ problem: 'locker_error_endpoint_empty' });
    expect(checkEndpoint('http://s3.example.org')).toEqual({ problem: 'locker_error_endpoint_http' });
  });

  it('allows plain http to this computer only, and says so', () => {
    expect(checkEndpoint('http://127.0.0.1:7480')).toEqual({ origin: 'http://127.0.0.1:7480', local: true });
    expect(checkEndpoint('http://localhost:9000/')).toEqual({ origin: 'http://localhost:9000', local: true });
    const check = validateLockerForm({ ...good, endpoint: 'http://127.0.0.1:7480' });
    expect(check.localEndpoint).toBe(true);
    expect(check.config?.endpoint).toBe('http://127.0.0.1:7480');
  });

  it('holds bucket names to S3\'s rules', () => {
    for (const name of ['abc', 'my.bucket-1', 'a'.repeat(63)]) expect(bucketProblem(name), name).toBeUndefined();
    for (const name of ['ab', 'a'.repeat(64), 'My-Bucket', 'bucket_1', '-bucket', 'bucket-', 'my..bucket', 'my.-bucket', '192.168.5.4'])
      expect(bucketProblem(name), name).toBe('locker_error_bucket_rules');
    expect(bucketProblem('  ')).toBe('locker_error_bucket_empty');
  });

  it('refuses a prefix with a leading slash or "..", and trims trailing slashes', () => {
    expect(checkPrefix('/desk')).toEqual({ problem: 'locker_error_prefix_slash' });
    expect(checkPrefix('desk/../other')).toEqual({ problem: 'locker_error_prefix_dots' });
    expect(checkPrefix('desk//x')).toEqual({ problem: 'locker_error_prefix_slash' });
    expect(checkPrefix(' desk/cases/// ')).toEqual({ prefix: 'desk/cases' });
    expect(checkPrefix('')).toEqual({ prefix: '' });
  });

  it('takes whole days from 1 to 36500 only', () => {
    expect(retentionProblem('1')).toBeUndefined();
    expect(retentionProblem('36500')).toBeUndefined();
    for (const days of ['0', '36501', '1.5', '-3', '', 'ten']) expect(retentionProblem(days), days).toBe('locker_error_retention');
  });

  it('names every empty key field and gives no config', () => {
    const check = validateLockerForm({ ...good, accessKeyId: ' ', secretAccessKey: '', region: '', retentionDays: '0' });
    expect(check.config).toBeUndefined();
    expect(check.errors).toEqual({
      accessKeyId: 'locker_error_key_empty',
      secretAccessKey: 'locker_error_key_empty',
      region: 'locker_error_region',
      retentionDays: 'locker_error_retention',
    });
  });

  it('fills the form from a saved config, and round-trips it', () => {
    const config = validateLockerForm(good).config!;
    expect(validateLockerForm(formFromConfig(config)).config).toEqual(config);
    expect(formFromConfig(undefined).mode).toBe('COMPLIANCE');
  });

  it('with a presigning service, keeps no S3 key and asks for the service and a token instead', () => {
    const presigned = { ...good, auth: 'presign' as const, presignUrl: ' https://sign.example.org/presign ', presignToken: ' t0k ' };
    const config = validateLockerForm(presigned).config!;
    expect(config).toMatchObject({ auth: 'presign', presignUrl: 'https://sign.example.org/presign', presignToken: 't0k', accessKeyId: '', secretAccessKey: '' });
    expect(validateLockerForm(formFromConfig(config)).config).toEqual(config);
    expect(validateLockerForm({ ...presigned, presignUrl: 'http://sign.example.org/x', presignToken: '' }).errors).toEqual({ presignUrl: 'locker_error_presign_url', presignToken: 'locker_error_key_empty' });
    expect(presignUrlProblem('http://127.0.0.1:8080/presign')).toBeUndefined();
    expect(presignUrlProblem('https://user:pw@sign.example.org/')).toBe('locker_error_presign_url');
    // The key mode's own fields are not asked for.
    expect(validateLockerForm({ ...presigned, accessKeyId: '', secretAccessKey: '' }).errors).toEqual({});
  });
});
