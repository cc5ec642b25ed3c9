import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stagedOverlay } from '../../src/lib/ingest/publish.ts';
import {
  changedSharply,
  changesSummary,
  escapeMarkdown,
  findAnomalies,
  SHARP_CHANGE_FACTOR,
  SHARP_CHANGE_MIN_DIFFERENCE,
  weekReviewMarkdown,
} from '../../src/lib/ingest/summary.ts';
import { readDataset } from '../../src/lib/contract/load.ts';
import { folderSource } from '../../src/lib/contract/source.ts';
import type { DataSource } from '../../src/lib/contract/source.ts';
import { EXPECTED_WEEK, INGEST_FIXTURES, readTree, WEEK } from './helpers.ts';

const fixture = folderSource(join(INGEST_FIXTURES, 'data'));
const expectedWeek = Object.fromEntries(
  Object.entries(readTree(EXPECTED_WEEK)).map(([name, bytes]) => [name, bytes.toString()]),
);

/** The fixture data with the expected week added, each of its files edited (null: left out). */
function withWeek(edit: (name: string, text: string) => string | null = (_, text) => text) {
  const files = Object.fromEntries(
    Object.entries(expectedWeek).flatMap(([name, text]) => {
      const edited = edit(name, text);
      return edited === null ? [] : [[`reports/${WEEK}/${name}`, edited]];
    }),
  );
  const staged: DataSource = {
    label: 'memory',
    files: () => Object.keys(files),
    read: (path) => (path in files ? new TextEncoder().encode(files[path]) : null),
  };
  return readDataset(stagedOverlay(fixture, staged, WEEK)).data;
}

const NEWCOMERS =
  'New to the archive: Kern County, CA; Williamson County, TX; check each name and state against the report, as a first appearance is often a misread name';

describe('weekReviewMarkdown', () => {
  it('gives the period, the totals with their change, the newcomers and the anomalies', () => {
    expect(weekReviewMarkdown(withWeek(), WEEK))
      .toBe(`## Report of Feb 4 – Feb 10, 2017 (week starting 2017-02-04)

Published March 29, 2017 ([source](https://example.org/ice/ddor2017-02-04to02-10.pdf)); coverage complete.

| Figure | This report | Previous report (Jan 28 – Feb 3, 2017) | Change |
| --- | ---: | ---: | ---: |
| Detainers issued nationwide | 2,825 | 3,000 | −175 |
| Declined detainers recorded | 5 | 3 | +2 |
| States with declined detainers | 2 | 1 | +1 |
| Jails with declined detainers | 3 | — |  |
| Detainers issued to the Section I jurisdictions | 142 | 94 | +48 |
| Pages | 12 | — |  |
| Jurisdictions named | 5 | 4 | +1 |

**New to the archive (2):** Kern County, CA; Williamson County, TX

**Anomalies (1):**

- ${NEWCOMERS}
`);
  });

  it('says so for the first report in the archive', () => {
    const summary = weekReviewMarkdown(readDataset(fixture).data, '2017-01-28');
    expect(summary).toContain(
      '| Figure | This report |\n| --- | ---: |\n| Detainers issued nationwide | 3,000 |',
    );
    expect(summary).toContain('This is the first report in the archive.');
    expect(summary).toContain(
      '**New to the archive (4):** Clark County, NV; Nassau County, NY; Franklin County, PA; Travis County, TX',
    );
  });
});

describe('findAnomalies', () => {
  it('flags a total far above the archive, declined above issued, and an id not in the gazetteer', () => {
    const data = withWeek((name, text) => {
      if (name === 'report.json') return text.replace('"value": 5,', '"value": 7,');
      if (name === 'jurisdictions.csv') {
        return text
          .replace(/^ca-kern-county,1,65,(\S+?),0,/m, 'ca-kern-county,1,65,$1,70,')
          .replace('ny-nassau-county,', 'ny-nowhere-county,');
      }
      return text;
    });
    expect(findAnomalies(data, WEEK)).toEqual([
      'Declined detainers recorded: 7 is more than 2 times the highest in the archive (3, report of 2017-01-28); check the transcription',
      'Kern County, CA: 70 declined but 65 issued in the week; declines can concern detainers issued earlier, but check both figures against the report',
      '`ny-nowhere-county` is not in the gazetteer (data/jurisdictions.csv)',
      'New to the archive: Kern County, CA; `ny-nowhere-county`; Williamson County, TX; check each name and state against the report, as a first appearance is often a misread name',
    ]);
  });

  it('flags only the jurisdictions new to the archive in the fixture week', () => {
    expect(findAnomalies(withWeek(), WEEK)).toEqual([NEWCOMERS]);
  });

  it('flags counts that changed sharply from the previous report, headline and per jurisdiction', () => {
    const previous = readDataset(fixture).data.weeks.at(-1)!;
    const issuedBefore = previous.meta!.figures.detainers_issued.value!;
    const clarkBefore = previous.jurisdictions.find(
      (j) => j.row.jurisdiction === 'nv-clark-county',
    )!.row.issued!;
    const issuedNow = Math.floor(issuedBefore / SHARP_CHANGE_FACTOR) - 1;
    const clarkNow = clarkBefore * SHARP_CHANGE_FACTOR + 1;
    const data = withWeek((name, text) => {
      if (name === 'report.json') return text.replace('"value": 2825,', `"value": ${issuedNow},`);
      if (name === 'jurisdictions.csv')
        return text.replace(/^nv-clark-county,2,\d+,/m, `nv-clark-county,2,${clarkNow},`);
      return text;
    });
    const count = (n: number) => n.toLocaleString('en-US');
    expect(findAnomalies(data, WEEK).slice(0, 2)).toEqual([
      `Detainers issued nationwide changed sharply from the previous report (week of ${previous.start}): ${count(issuedBefore)} → ${count(issuedNow)} (−${count(issuedBefore - issuedNow)}); check the transcription against both reports`,
      `Clark County, NV: detainers issued changed sharply from the previous report (week of ${previous.start}): ${clarkBefore} → ${clarkNow} (+${clarkNow - clarkBefore}); check the transcription against both reports`,
    ]);
  });

  it('lists partial coverage and an absent declined.csv', () => {
    const note = 'Section II is not transcribed.';
    const data = withWeek((name, text) => {
      if (name === 'declined.csv') return null;
      if (name === 'report.json')
        return text.replace(
          '"coverage": "complete",',
          `"coverage": "partial", "coverage_note": "${note}",`,
        );
      return text;
    });
    const declined = JSON.parse(expectedWeek['report.json']!).figures.declined_total.value;
    expect(findAnomalies(data, WEEK)).toEqual([
      NEWCOMERS,
      `Coverage is partial ("${note}"); check that the note says what is missing, and whether more of the report can be transcribed`,
      `declined.csv is absent: jurisdictions.csv counts ${declined} declined detainers, but their Section II rows (facility, citizenship, dates) are not in the archive; check whether the report's Section II can be transcribed`,
    ]);
  });

  it('does not call every jurisdiction of the first report new', () => {
    const first = readDataset(fixture).data;
    const anomalies = findAnomalies(first, '2017-01-28');
    expect(anomalies.some((a) => a.startsWith('New to the archive'))).toBe(false);
    // The fixture's first report has no declined.csv, though Travis County declined 3.
    expect(anomalies).toEqual([
      "declined.csv is absent: jurisdictions.csv counts 3 declined detainers, but their Section II rows (facility, citizenship, dates) are not in the archive; check whether the report's Section II can be transcribed",
    ]);
  });
});

describe('changedSharply', () => {
  const min = SHARP_CHANGE_MIN_DIFFERENCE;
  const factor = SHARP_CHANGE_FACTOR;

  it('needs both the ratio and the difference', () => {
    expect(changedSharply(min * factor, min)).toBe(true);
    expect(changedSharply(min, min * factor)).toBe(true);
    expect(changedSharply(min * factor - 1, min)).toBe(false);
    // Small counts double all the time: 3 → 6 is not worth a look.
    expect(changedSharply(6, 3)).toBe(false);
    expect(changedSharply(min, 0)).toBe(true);
    expect(changedSharply(min - 1, 0)).toBe(false);
    expect(changedSharply(0, min)).toBe(true);
    expect(changedSharply(3000, 2825)).toBe(false);
  });
});

describe('changesSummary', () => {
  const base = readDataset(fixture).data;

  it('summarises a new week under the list of changes', () => {
    const summary = changesSummary(base, withWeek(), 'origin/main');
    expect(summary).toContain(
      '## Data changes against origin/main\n\n- New reports: `2017-02-04`\n- Changed reports: none\n- New corrections: none\n- New gazetteer rows: none\n',
    );
    expect(summary).toContain('### Report of Feb 4 – Feb 10, 2017 (week starting 2017-02-04)');
  });

  it('names the files of a published week that changed, and says when nothing did', () => {
    const edited = withWeek();
    const published = withWeek((name, text) =>
      name === 'declined.csv' ? text.replace('DWI charge', 'DUI charge') : text,
    );
    expect(changesSummary(published, edited, 'main')).toContain(
      '- Changed reports: `2017-02-04`: declined.csv',
    );
    expect(changesSummary(base, base, 'main')).toContain(
      'No change to the reports, the corrections or the gazetteer.',
    );
  });
});

describe('escapeMarkdown', () => {
  it('keeps text from the data from becoming markup', () => {
    expect(escapeMarkdown('A|B *c* _d_ [e](f) <img src=x>\nnext')).toBe(
      'A\\|B \\*c\\* \\_d\\_ \\[e\\](f) &lt;img src=x&gt; next',
    );
  });
});
