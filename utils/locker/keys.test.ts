import { describe, expect, it } from 'vitest';
import { caseSegment, folderKey, lockerRoot, normalPrefix, NO_CASE, parseFolderKey } from './keys';

describe('locker keys', () => {
  it('makes a case name one safe key segment, keeping letters of any script', () => {
    expect(caseSegment('Aleppo 2016 / East')).toBe('aleppo-2016-east');
    expect(caseSegment('حلب الشرقية')).toBe('حلب-الشرقية');
    expect(caseSegment('../../etc')).toBe('etc');
    expect(caseSegment('   ')).toBe(NO_CASE);
    expect(caseSegment(undefined)).toBe(NO_CASE);
  });

  it('writes the prefix without empty, dot or dot-dot segments', () => {
    expect(normalPrefix('/team//aleppo/')).toBe('team/aleppo');
    expect(normalPrefix('a/../b/./c')).toBe('a/b/c');
    expect(lockerRoot('')).toBe('');
    expect(lockerRoot('team/')).toBe('team/');
  });

  it('puts a capture under <prefix>/<case>/<id>/ and reads that shape back', () => {
    const folder = folderKey('team/x', 'Case One', 'abc');
    expect(folder).toBe('team/x/case-one/abc/');
    expect(parseFolderKey('team/x/', `${folder}captures/abc/capture.json`)).toEqual({ caseName: 'case-one', captureId: 'abc', folder, path: 'captures/abc/capture.json' });
    expect(parseFolderKey('team/x/', 'team/x/case-one/abc')).toBeNull();
    expect(parseFolderKey('team/x/', 'other/case-one/abc/file')).toBeNull();
    expect(parseFolderKey('team/x/', 'team/x/case-one/abc//file')).toBeNull();
  });
});
