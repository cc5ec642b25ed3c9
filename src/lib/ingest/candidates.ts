/**
 * Which of a listing's links is the week's report. A listing may link two PDFs for one week: a
 * report and its corrected reissue (as ICE did in 2017), or a copy. The rule, in order:
 *
 * 1. the one the listing dates latest, when it dates every candidate and one date is the latest;
 * 2. else the one, and only one, whose link text or file name marks it as corrected, a
 *    correction, revised, a revision, reissued or amended;
 * 3. else none: the run is refused, naming every candidate and how to take one (`--source`).
 *
 * Whatever the run then does, its output names every candidate and the choice: the log at once,
 * the pull request's notes on success, the error's message if reading the chosen PDF fails.
 */
import { IngestError } from './errors.ts';
import type { ReportLink } from './listing.ts';

/** Words that mark a reissue; a whole word of the link text or of the file name. */
const REISSUE_MARK = /\b(?:correct(?:ed|ion)|revis(?:ed|ion)|re-?issued?|amended)\b/i;

export type LinkChoice =
  | {
      link: ReportLink;
      /** Every candidate and why this one, when there was more than one; else null. */
      account: string | null;
    }
  | { missing: { location: string; reason: string } };

function fileName(url: string): string {
  const name = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Where a link says it is a reissue, as a phrase ("its file name says "revised""), or null. */
function reissueMark(link: ReportLink): string | null {
  const inText = REISSUE_MARK.exec(link.text);
  if (inText) return `its link text says "${inText[0]}"`;
  // Separators are word characters to \b (`_`) or none at all: read the name as words.
  const inName = REISSUE_MARK.exec(fileName(link.url).replace(/[-_.+]+/g, ' '));
  return inName ? `its file name says "${inName[0]}"` : null;
}

const describe = (link: ReportLink) =>
  `${link.url} ("${link.text}", ${link.published ? `dated ${link.published} on the listing` : 'not dated on the listing'})`;

/** The candidates as a numbered list in one sentence. */
const listed = (links: readonly ReportLink[]) =>
  links.map((link, index) => `(${index + 1}) ${describe(link)}`).join('; ');

/** The candidate the rule takes, with why, or null when the rule cannot tell. */
function chooseAmong(links: readonly ReportLink[]): { link: ReportLink; why: string } | null {
  const dates = links.map((link) => link.published);
  if (dates.every((date) => date !== null)) {
    const latest = [...dates].sort().at(-1)!;
    const latestOnes = links.filter((link) => link.published === latest);
    if (latestOnes.length === 1) {
      return { link: latestOnes[0]!, why: `the listing dates it latest (${latest})` };
    }
  }
  const undated = dates.some((date) => date === null);
  const marked = links.flatMap((link) => {
    const mark = reissueMark(link);
    return mark ? [{ link, mark }] : [];
  });
  if (marked.length === 1) {
    const { link, mark } = marked[0]!;
    const dating = undated ? 'does not date them all' : 'dates more than one of them latest';
    return {
      link,
      why: `the listing ${dating}, and ${mark}, marking it as the reissue, and no other's does`,
    };
  }
  return null;
}

/**
 * The link of the week on a listing page, with an account of the choice when it had several;
 * `missing` when the page links none (the week is not out yet). Refuses, naming them all, when
 * it links several and the rule cannot tell which to take.
 */
export function pickLink(links: readonly ReportLink[], week: string, page: string): LinkChoice {
  const forWeek = links.filter((link) => link.period?.start === week);
  if (!forWeek.length) {
    const dated = links
      .filter((link) => link.period)
      .map((link) => link.period!.start)
      .sort();
    const latest = dated.at(-1);
    const undated = links.length - dated.length;
    return {
      missing: {
        location: page,
        reason: `the page links ${links.length} report PDF${links.length === 1 ? '' : 's'}${latest ? `, the latest for the week of ${latest}` : ''}, none for the week of ${week}${undated ? ` (${undated} link${undated === 1 ? ' says' : 's say'} no period in its file name or text)` : ''}`,
      },
    };
  }
  if (forWeek.length === 1) return { link: forWeek[0]!, account: null };
  const candidates = `${page} links ${forWeek.length} PDFs for the week of ${week}: ${listed(forWeek)}`;
  const chosen = chooseAmong(forWeek);
  if (!chosen) {
    throw new IngestError(
      `${candidates}. The listing dates none of them latest, and not exactly one is marked as corrected, revised or reissued in its link text or file name, so the ingest cannot tell which is the report; it fetched none. Nothing was written. Check them, then ingest the right one by its address: --source <the PDF's address> --week ${week} (with --published YYYY-MM-DD for the date the listing prints).`,
    );
  }
  const number = forWeek.indexOf(chosen.link) + 1;
  return {
    link: chosen.link,
    account: `${candidates}. The ingest took (${number}) ${chosen.link.url}, as ${chosen.why}.`,
  };
}
