/**
 * What the reader found, shown: each page as a picture with the reader's findings drawn over it
 * (table areas, column boundaries, row boundaries, running headers and footers struck through,
 * text it left out or could not see, text cut off at a cell's edge), and the rows it read as
 * text, page by page. pdfplumber's debugging images are the model: a maintainer should see
 * within a minute why a new layout fails, and which x to put in a layout template.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { DdorAnalysis } from './ddor.ts';
import type { PdfDocument } from './document.ts';
import type { Line } from './lines.ts';

/** Points to pixels: pictures are drawn at 1.5 × 72 = 108 pixels an inch. */
export const EXPLAIN_SCALE = 1.5;

const COLOURS = {
  table: '#1b7f3b',
  column: '#1f4fd1',
  row: '#d97706',
  furniture: '#c81e1e',
  note: '#b0189b',
  hidden: '#8a8a8a',
  section: '#6d28d9',
};

const LEGEND: [string, string][] = [
  [COLOURS.table, 'table area'],
  [COLOURS.column, 'column boundary (solid: a rule; dashed: white space)'],
  [COLOURS.row, 'row boundary'],
  [COLOURS.furniture, 'running header or footer, left out'],
  [COLOURS.note, 'text left out of a table, or cut off at its edge'],
  [COLOURS.hidden, 'text in the PDF that does not show, ignored'],
  [COLOURS.section, 'section heading'],
];

/** The picture file of page n. */
export const pictureName = (page: number) => `page-${String(page).padStart(3, '0')}.png`;

function strikeLine(ctx: SKRSContext2D, line: Line, s: number) {
  const y = (line.y - 0.3 * line.size) * s;
  ctx.beginPath();
  ctx.moveTo(line.x0 * s, y);
  ctx.lineTo(line.x1 * s, y);
  ctx.stroke();
}

function outline(
  ctx: SKRSContext2D,
  x0: number,
  top: number,
  x1: number,
  bottom: number,
  s: number,
) {
  ctx.strokeRect(x0 * s, top * s, (x1 - x0) * s, (bottom - top) * s);
}

function drawLegend(ctx: SKRSContext2D, width: number) {
  ctx.font = '11px sans-serif';
  const height = LEGEND.length * 14 + 8;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.fillRect(width - 330, 4, 326, height);
  LEGEND.forEach(([colour, text], i) => {
    ctx.fillStyle = colour;
    ctx.fillRect(width - 324, 10 + i * 14, 10, 10);
    ctx.fillStyle = '#111111';
    ctx.fillText(text, width - 308, 19 + i * 14);
  });
}

/** One page's picture with the findings on it. */
async function pagePicture(
  png: Uint8Array,
  pageNumber: number,
  analysis: DdorAnalysis,
  document: PdfDocument,
): Promise<Uint8Array> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  const s = EXPLAIN_SCALE;
  ctx.drawImage(image, 0, 0);
  ctx.lineWidth = 2;
  const { trace } = analysis;
  const page = document.pages[pageNumber - 1];

  ctx.strokeStyle = COLOURS.hidden;
  ctx.setLineDash([2, 2]);
  for (const g of page?.hidden ?? [])
    outline(ctx, g.x0, g.y - 0.8 * g.size, g.x1, g.y + 0.2 * g.size, s);
  ctx.setLineDash([]);

  ctx.strokeStyle = COLOURS.furniture;
  for (const line of trace.lines) {
    if (line.page === pageNumber && trace.furniture.has(line)) strikeLine(ctx, line, s);
  }

  ctx.fillStyle = COLOURS.section;
  ctx.font = 'bold 12px sans-serif';
  for (const heading of trace.sections.filter((h) => h.page === pageNumber)) {
    ctx.fillRect(0, (heading.y - 10) * s, 6, 12 * s);
    ctx.fillText(`Section ${heading.numeral}`, 8, (heading.y - 12) * s);
  }

  for (const { section, table } of trace.tables) {
    for (const area of table.trace.filter((t) => t.page === pageNumber)) {
      ctx.strokeStyle = COLOURS.table;
      outline(ctx, area.x0, area.top, area.x1, area.bottom, s);
      ctx.fillStyle = COLOURS.table;
      ctx.font = '12px sans-serif';
      ctx.fillText(
        `${section}: rows by ${table.method}${area.ruled ? ', ruled columns' : ''}`,
        area.x0 * s,
        area.top * s - 4,
      );
      ctx.strokeStyle = COLOURS.column;
      ctx.setLineDash(area.ruled ? [] : [6, 4]);
      for (const x of area.boundaries) {
        ctx.beginPath();
        ctx.moveTo(x * s, area.top * s);
        ctx.lineTo(x * s, area.bottom * s);
        ctx.stroke();
        ctx.fillStyle = COLOURS.column;
        ctx.font = '10px sans-serif';
        ctx.fillText(x.toFixed(0), x * s + 2, area.bottom * s + 11);
      }
      ctx.setLineDash([]);
      ctx.strokeStyle = COLOURS.row;
      for (const y of area.rowEdges) {
        ctx.beginPath();
        ctx.moveTo(area.x0 * s, y * s);
        ctx.lineTo(area.x1 * s, y * s);
        ctx.stroke();
      }
    }
    ctx.strokeStyle = COLOURS.note;
    for (const note of table.notes.filter((l) => l.page === pageNumber)) {
      outline(ctx, note.x0, note.y - note.size, note.x1, note.y + 0.3 * note.size, s);
    }
  }
  ctx.strokeStyle = COLOURS.note;
  for (const g of page?.cutOff ?? []) outline(ctx, g.x0, g.y - g.size, g.x1, g.y + 0.3 * g.size, s);
  drawLegend(ctx, canvas.width);
  return new Uint8Array(await canvas.encode('png'));
}

/** The reading as text: per page, what was left out and the rows read there. */
export function readingText(analysis: DdorAnalysis, label: string): string {
  const { trace, error, report } = analysis;
  const out = [`Reading of ${label}`, ''];
  out.push(
    error
      ? `Refused: ${error.message}`
      : `Read: ${report!.title}; Section I ${report!.sectionI?.rows.length ?? 'missing'} rows, Section II ${report!.sectionII?.rows.length ?? 'missing'}, Section III ${report!.sectionIII?.rows.length ?? 'missing'}.`,
    '',
  );
  const pages = [...new Set(trace.lines.map((l) => l.page))].sort((a, b) => a - b);
  for (const page of pages) {
    out.push(`Page ${page} (${pictureName(page)})`);
    for (const line of trace.lines.filter((l) => l.page === page && trace.furniture.has(l))) {
      out.push(`  left out as a running header or footer: ${JSON.stringify(line.text)}`);
    }
    for (const heading of trace.sections.filter((h) => h.page === page)) {
      out.push(`  Section ${heading.numeral} heading, ${heading.y.toFixed(0)} pt from the top`);
    }
    for (const { section, table } of trace.tables) {
      for (const area of table.trace.filter((t) => t.page === page)) {
        out.push(
          `  ${section} table, ${area.top.toFixed(0)}–${area.bottom.toFixed(0)} pt from the top; column boundaries at x = ${area.boundaries.map((x) => x.toFixed(1)).join(', ')} (${area.ruled ? 'rules' : 'white space'}); rows by ${table.method}`,
        );
      }
      table.rows
        .filter((row) => row.page === page)
        .forEach((row) => out.push(`    ${section} row: ${row.text}`));
      for (const note of table.notes.filter((l) => l.page === page)) {
        out.push(`  left out of the ${section} table: ${JSON.stringify(note.text)}`);
      }
      for (const orphan of table.orphans.filter((o) => o.page === page)) {
        out.push(`  not placed in any ${section} row: ${JSON.stringify(orphan.text)}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

/** The pictures and the text file, by file name. */
export async function explainReading(
  analysis: DdorAnalysis,
  document: PdfDocument,
  pictures: readonly Uint8Array[],
  label: string,
): Promise<Map<string, Uint8Array | string>> {
  const files = new Map<string, Uint8Array | string>();
  for (const [index, png] of pictures.entries()) {
    files.set(pictureName(index + 1), await pagePicture(png, index + 1, analysis, document));
  }
  files.set('reading.txt', readingText(analysis, label));
  return files;
}
