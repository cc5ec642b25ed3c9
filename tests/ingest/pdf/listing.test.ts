import { describe, expect, it } from 'vitest';
import { findReportLinks } from '../../../src/lib/ingest/listing.ts';

const ICE_PAGE = 'https://www.ice.gov/declined-detainer-outcome-report';

describe('findReportLinks', () => {
  it('reads a list of reports: relative links, periods from file names, publication dates', () => {
    const html = `<!DOCTYPE html><html><body><main>
      <h1>Declined Detainer Outcome Report</h1>
      <ul class="reports">
        <li><a href="/doclib/ddor/ddor2017_01-28to02-03.pdf">Declined Detainer Outcome Report
            for Jan. 28 –   Feb. 3, 2017</a> (PDF, 1.2 MB) Published March 20, 2017</li>
        <li><a href="/doclib/ddor/ddor2017-02-04to02-10.pdf#page=1">Weekly report, Feb 4 – Feb 10, 2017</a>
            <span>Posted: 03/29/2017</span></li>
        <li><a href="https://www.ice.gov/doclib/ddor/ddor2017_12-30to01-05.pdf">Dec. 30 – Jan. 5</a></li>
        <li><a href="/doclib/about/ice-fy2017-ero-report.pdf">ICE FY2017 ERO Report</a> Published December 13, 2017</li>
        <li><a href="/doclib/ddor/ddor2017_01-28to02-03.pdf">(the same report again)</a></li>
        <li><a href="ftp://ftp.ice.gov/ddor2017_02-11to02-17.pdf">FTP copy</a></li>
        <li><a href="mailto:press@ice.dhs.gov">Press office</a> <a href="javascript:void(0)">Print</a></li>
      </ul></main></body></html>`;
    expect(findReportLinks(html, ICE_PAGE)).toEqual([
      {
        url: 'https://www.ice.gov/doclib/ddor/ddor2017_01-28to02-03.pdf',
        text: 'Declined Detainer Outcome Report for Jan. 28 – Feb. 3, 2017',
        period: { start: '2017-01-28', end: '2017-02-03' },
        published: '2017-03-20',
      },
      {
        url: 'https://www.ice.gov/doclib/ddor/ddor2017-02-04to02-10.pdf',
        text: 'Weekly report, Feb 4 – Feb 10, 2017',
        period: { start: '2017-02-04', end: '2017-02-10' },
        published: '2017-03-29',
      },
      {
        url: 'https://www.ice.gov/doclib/ddor/ddor2017_12-30to01-05.pdf',
        text: 'Dec. 30 – Jan. 5',
        period: { start: '2017-12-30', end: '2018-01-05' },
        published: null,
      },
    ]);
  });

  it('reads a table, resolving links against <base href>, periods from link text', () => {
    const html = `<html><head><base href="https://www.dhs.gov/sites/default/files/publications/"></head><body>
      <table>
        <thead><tr><th>Report</th><th>Period</th><th>Released</th></tr></thead>
        <tbody>
          <tr><td><a href="ice-weekly-3.pdf">Declined Detainer Outcome Report (week 3)</a></td>
              <td>February 11 - 17, 2017</td><td>04/06/2017</td></tr>
          <tr><td><a href="../archive/Declined%20Detainer%20Report%20February%2011%20-%2017,%202017.pdf">Declined Detainer Outcome Report, February 11 - 17, 2017</a></td>
              <td></td><td>April 6, 2017</td></tr>
          <tr><td><a href="dhs-fact-sheet.pdf">Fact sheet on the DDOR</a></td><td>March 20, 2017</td><td></td></tr>
        </tbody>
      </table></body></html>`;
    expect(findReportLinks(html, 'https://www.dhs.gov/publication/ddor')).toEqual([
      {
        url: 'https://www.dhs.gov/sites/default/files/publications/ice-weekly-3.pdf',
        text: 'Declined Detainer Outcome Report (week 3)',
        period: null,
        published: '2017-04-06',
      },
      {
        url: 'https://www.dhs.gov/sites/default/files/archive/Declined%20Detainer%20Report%20February%2011%20-%2017,%202017.pdf',
        text: 'Declined Detainer Outcome Report, February 11 - 17, 2017',
        period: { start: '2017-02-11', end: '2017-02-17' },
        published: '2017-04-06',
      },
    ]);
  });

  it('finds nothing on a page without DDOR PDFs, and survives broken links', () => {
    const html = `<p><a href="/report.html">Declined Detainer Outcome Report (web page)</a>
      <a href="http://[broken">broken</a> <a href="/annual-report.pdf">Annual report</a></p>`;
    expect(findReportLinks(html, ICE_PAGE)).toEqual([]);
  });
});
