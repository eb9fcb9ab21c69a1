// Scores an adapter on a fixture page field by field, for the per-platform table in the README.
import { isDeepStrictEqual } from 'node:util';
import type { PostRecord } from '../../utils/model';
import type { AdapterFixture } from '../../utils/platforms/adapter-fixture.fixtures';

export interface FixtureScore {
  platform: string;
  file: string;
  pageType: string;
  postsFound: number;
  postsExpected: number;
  fieldsCorrect: number;
  fieldsExpected: number;
  /** Fields whose extracted value differs from the expected one (or that were extracted but not expected). */
  wrong: string[];
}

export function scoreFixture(platform: string, fixture: AdapterFixture, postsFound: number, record: PostRecord | undefined): FixtureScore {
  const expected: Partial<PostRecord> = fixture.expected ?? {};
  const actual: Partial<PostRecord> = record ?? {};
  const fields = new Set([...Object.keys(expected), ...Object.keys(actual)]) as Set<keyof PostRecord>;
  const wrong: string[] = [...fields].filter((field) => !isDeepStrictEqual(actual[field], expected[field]));
  const fieldsExpected = Object.keys(expected).length;
  return {
    platform,
    file: fixture.file,
    pageType: fixture.pageType,
    postsFound,
    postsExpected: fixture.posts,
    fieldsCorrect: Object.keys(expected).filter((field) => !wrong.includes(field)).length,
    fieldsExpected,
    wrong,
  };
}

/** A Markdown table: one row per fixture page. */
export function formatScoreTable(scores: FixtureScore[]): string {
  const rows = scores.map(
    (s) =>
      `| ${s.platform} | ${s.pageType} | \`${s.file}\` | ${s.postsFound} / ${s.postsExpected} | ${s.fieldsCorrect} / ${s.fieldsExpected} | ${s.wrong.join(', ') || '—'} |`,
  );
  return ['| platform | page | fixture | posts found / expected | fields right / expected | fields not right |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
