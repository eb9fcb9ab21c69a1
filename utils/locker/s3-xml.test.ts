import { describe, expect, it } from 'vitest';
import {
  completeUploadXml,
  readCompleteEtag,
  readError,
  readObjectLock,
  readObjectsPage,
  readPartsPage,
  readUploadId,
  readVersioning,
  readVersionsPage,
  retentionXml,
} from './s3-xml';

const DECL = '<?xml version="1.0" encoding="UTF-8"?>';

describe('S3 XML answers', () => {
  it('keeps keys that look like numbers or booleans as strings, untrimmed, one element as a list', () => {
    const page = readObjectsPage(
      `${DECL}<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>true</IsTruncated>` +
        `<NextContinuationToken>1e5</NextContinuationToken>` +
        `<Contents><Key>0001</Key><Size>12</Size><ETag>"abc"</ETag><LastModified>2026-01-01T00:00:00.000Z</LastModified></Contents>` +
        `</ListBucketResult>`,
    );
    expect(page).toEqual({
      objects: [{ key: '0001', bytes: 12, etag: 'abc', lastModified: '2026-01-01T00:00:00.000Z' }],
      nextToken: '1e5',
    });
    const many = readObjectsPage(
      `<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>true</Key></Contents><Contents><Key> a &amp; b </Key></Contents></ListBucketResult>`,
    );
    expect(many.objects.map((o) => o.key)).toEqual(['true', ' a & b ']);
    expect(many.nextToken).toBeUndefined();
    expect(readObjectsPage('<ListBucketResult/>').objects).toEqual([]);
  });

  it('merges versions and delete markers in key order, latest first, with the next markers', () => {
    const page = readVersionsPage(
      `<ListVersionsResult><IsTruncated>true</IsTruncated><NextKeyMarker>b</NextKeyMarker><NextVersionIdMarker>v0</NextVersionIdMarker>` +
        `<Version><Key>b</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest><Size>3</Size><ETag>"e"</ETag><LastModified>2026-01-01T00:00:00Z</LastModified></Version>` +
        `<Version><Key>a</Key><VersionId>null</VersionId><IsLatest>true</IsLatest><Size>1</Size><ETag>"f"</ETag><LastModified>2026-01-01T00:00:00Z</LastModified></Version>` +
        `<DeleteMarker><Key>b</Key><VersionId>v2</VersionId><IsLatest>true</IsLatest><LastModified>2026-01-02T00:00:00Z</LastModified></DeleteMarker>` +
        `</ListVersionsResult>`,
    );
    expect(page.versions.map((v) => [v.key, v.versionId, v.isLatest, v.deleteMarker, v.bytes])).toEqual([
      ['a', 'null', true, false, 1],
      ['b', 'v2', true, true, 0],
      ['b', 'v1', false, false, 3],
    ]);
    expect(page.next).toEqual({ keyMarker: 'b', versionIdMarker: 'v0' });
    expect(readVersionsPage('<ListVersionsResult><IsTruncated>false</IsTruncated></ListVersionsResult>')).toEqual({
      versions: [],
    });
  });

  it('reads multipart answers', () => {
    expect(readUploadId('<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>2~xyz</UploadId></InitiateMultipartUploadResult>')).toBe('2~xyz');
    const parts = readPartsPage(
      `<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>1</NextPartNumberMarker><Part><PartNumber>1</PartNumber><ETag>"aa"</ETag><Size>5242880</Size></Part></ListPartsResult>`,
    );
    expect(parts).toEqual({ parts: [{ partNumber: 1, etag: 'aa', bytes: 5242880 }], nextMarker: '1' });
    expect(readCompleteEtag('<CompleteMultipartUploadResult><ETag>"cc-3"</ETag></CompleteMultipartUploadResult>')).toBe('cc-3');
  });

  it('reads versioning, object lock and errors', () => {
    expect(readVersioning('<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>')).toBe('Enabled');
    expect(readVersioning('<VersioningConfiguration/>')).toBe('Off');
    expect(
      readObjectLock(
        '<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Years>1</Years></DefaultRetention></Rule></ObjectLockConfiguration>',
      ),
    ).toEqual({ enabled: true, defaultMode: 'GOVERNANCE', defaultDays: 365 });
    expect(readObjectLock('<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>')).toEqual({ enabled: true });
    expect(readError(`${DECL}<Error><Code>AccessDenied</Code><Message>forbidden by object lock</Message><RequestId>tx1</RequestId></Error>`)).toEqual({
      code: 'AccessDenied',
      message: 'forbidden by object lock',
      requestId: 'tx1',
    });
    expect(readError('<html>Bad gateway</html>')).toEqual({ code: '', message: '', requestId: '' });
  });

  it('writes bodies with parts sorted and text escaped', () => {
    expect(completeUploadXml([{ partNumber: 2, etag: 'b', bytes: 1 }, { partNumber: 1, etag: 'a&', bytes: 1 }])).toContain(
      '<Part><PartNumber>1</PartNumber><ETag>"a&#38;"</ETag></Part><Part><PartNumber>2</PartNumber>',
    );
    expect(retentionXml({ mode: 'COMPLIANCE', retainUntil: '2027-01-01T00:00:00.000Z' })).toContain(
      '<Mode>COMPLIANCE</Mode><RetainUntilDate>2027-01-01T00:00:00.000Z</RetainUntilDate>',
    );
  });
});
