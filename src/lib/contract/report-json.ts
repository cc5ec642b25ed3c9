import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { isRealDate } from './dates.ts';
import type { Issue } from './issues.ts';
import {
  COVERAGE_VALUES,
  DATE_PATTERN,
  REPORT_FIGURES,
  SECTION_NUMERALS,
  reportSpec,
} from './schema.ts';
import type { Caveat, Figure, Link, ReportMeta, ReportSpecField } from './schema.ts';
import { isWebAddress } from './read-table.ts';
import { decodeDataFile, positionAt } from './decode.ts';

type Path = (string | number)[];

/** Finds the line and column of the value at a path in a JSON text (or of its nearest parent). */
export function jsonLocator(text: string): (path: Path) => { line: number; column: number } {
  const tree = parseTree(text);
  return (path) => {
    let node: Node | undefined;
    for (let depth = path.length; depth >= 0 && !node; depth--) {
      node = tree && findNodeAtLocation(tree, path.slice(0, depth));
    }
    return positionAt(text, node?.offset ?? 0);
  };
}

/**
 * Reads a `report.json`: strict JSON, then every field checked against the report definition.
 * Each problem is located at the line and column of the offending value (or its parent object
 * when the value is missing).
 */
export function readReportJson(
  file: string,
  bytes: Uint8Array,
): { report: ReportMeta | null; issues: Issue[] } {
  const decoded = decodeDataFile(file, bytes);
  if ('issue' in decoded) return { report: null, issues: [decoded.issue] };
  const { text } = decoded;
  if (text.trim() === '') {
    return {
      report: null,
      issues: [{ file, line: 1, column: 1, message: 'the file is empty; it needs a JSON object' }],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const offset = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0);
    return {
      report: null,
      issues: [
        {
          file,
          ...positionAt(text, offset),
          message: `not valid JSON: ${(error as Error).message}`,
        },
      ],
    };
  }
  const locate = jsonLocator(text);
  const issues: Issue[] = [];
  const at = (path: Path, message: string) => issues.push({ file, ...locate(path), message });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    at([], 'must be a JSON object');
    return { report: null, issues };
  }
  const object = data as Record<string, unknown>;
  const fields: readonly ReportSpecField[] = reportSpec.fields;
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(object)) {
    if (!known.has(key))
      at([key], `unknown field "${key}"; the fields are ${[...known].join(', ')}`);
  }

  const str = (path: Path, value: unknown, required: boolean): string | null => {
    if (value === undefined || value === null || value === '') {
      if (required) at(path, `${path.join('.')} is required`);
      return null;
    }
    if (typeof value !== 'string') {
      at(path, `${path.join('.')} must be text`);
      return null;
    }
    return value;
  };
  const date = (path: Path, value: unknown, required: boolean): string | null => {
    const text = str(path, value, required);
    if (text === null) return null;
    if (!DATE_PATTERN.test(text) || !isRealDate(text)) {
      at(path, `${path.join('.')} must be a real date as YYYY-MM-DD, got "${text}"`);
      return null;
    }
    return text;
  };
  const url = (path: Path, value: unknown, required: boolean): string | null => {
    const text = str(path, value, required);
    if (text === null) return null;
    if (!isWebAddress(text)) {
      at(
        path,
        `${path.join('.')} must be a web address starting with https:// or http://, got "${text}"`,
      );
      return null;
    }
    return text;
  };
  const list = <T>(
    path: Path,
    value: unknown,
    item: (path: Path, value: Record<string, unknown>) => T,
  ): T[] => {
    if (!Array.isArray(value)) {
      at(path, `${path.join('.')} must be a list`);
      return [];
    }
    return value.map((entry, index) => {
      if (typeof entry !== 'object' || entry === null)
        at([...path, index], `${path.join('.')}[${index}] must be an object`);
      return item([...path, index], (entry ?? {}) as Record<string, unknown>);
    });
  };

  const figures = {} as Record<string, Figure>;
  const figuresValue = object['figures'];
  if (typeof figuresValue !== 'object' || figuresValue === null || Array.isArray(figuresValue)) {
    at(['figures'], 'figures is required and must be an object');
  } else {
    const given = figuresValue as Record<string, unknown>;
    const names = new Set<string>(REPORT_FIGURES.map((f) => f.name));
    for (const key of Object.keys(given)) {
      if (!names.has(key))
        at(['figures', key], `unknown figure "${key}"; the figures are ${[...names].join(', ')}`);
    }
    for (const { name } of REPORT_FIGURES) {
      const path = ['figures', name];
      const figure = given[name];
      if (typeof figure !== 'object' || figure === null) {
        at(
          path,
          `figures.${name} is required: { "value": number or null, "source": address or null }`,
        );
        figures[name] = { value: null, source: null, note: null };
        continue;
      }
      const { value, source, note } = figure as Record<string, unknown>;
      let checkedValue: number | null = null;
      if (value !== null && value !== undefined) {
        if (typeof value !== 'number' || !Number.isInteger(value))
          at([...path, 'value'], `figures.${name}.value must be a whole number or null`);
        else if (value < 0) at([...path, 'value'], `figures.${name}.value must not be negative`);
        else checkedValue = value;
      }
      const checkedSource = url([...path, 'source'], source, checkedValue !== null);
      figures[name] = {
        value: checkedValue,
        source: checkedSource,
        note: str([...path, 'note'], note, false),
      };
    }
  }

  const coverage = str(['coverage'], object['coverage'], true);
  if (coverage !== null && !(COVERAGE_VALUES as readonly string[]).includes(coverage)) {
    at(['coverage'], `coverage must be one of ${COVERAGE_VALUES.join(', ')}, got "${coverage}"`);
  }
  const coverageNote = str(['coverage_note'], object['coverage_note'], coverage === 'partial');

  const sections: ReportMeta['section_titles'] = {};
  const sectionsValue = object['section_titles'];
  if (sectionsValue !== undefined) {
    if (
      typeof sectionsValue !== 'object' ||
      sectionsValue === null ||
      Array.isArray(sectionsValue)
    ) {
      at(['section_titles'], 'section_titles must be an object');
    } else {
      for (const [key, title] of Object.entries(sectionsValue)) {
        if (!(SECTION_NUMERALS as readonly string[]).includes(key)) {
          at(
            ['section_titles', key],
            `section_titles keys are ${SECTION_NUMERALS.join(', ')}, got "${key}"`,
          );
          continue;
        }
        const checked = str(['section_titles', key], title, true);
        if (checked !== null) sections[key as (typeof SECTION_NUMERALS)[number]] = checked;
      }
    }
  }

  const report: ReportMeta = {
    period_start: date(['period_start'], object['period_start'], true) ?? '',
    period_end: date(['period_end'], object['period_end'], true) ?? '',
    title: str(['title'], object['title'], true) ?? '',
    published: date(['published'], object['published'], true) ?? '',
    published_source: url(['published_source'], object['published_source'], true) ?? '',
    published_note: str(['published_note'], object['published_note'], false),
    copies: list(['copies'], object['copies'], (path, entry): Link => ({
      label: str([...path, 'label'], entry['label'], true) ?? '',
      url: url([...path, 'url'], entry['url'], true) ?? '',
    })),
    figures: figures as ReportMeta['figures'],
    coverage: (coverage ?? 'partial') as ReportMeta['coverage'],
    coverage_note: coverageNote,
    section_titles: sections,
    caveats: list(['caveats'], object['caveats'], (path, entry): Caveat => ({
      text: str([...path, 'text'], entry['text'], true) ?? '',
      source: url([...path, 'source'], entry['source'], true) ?? '',
    })),
  };
  return { report: issues.length ? null : report, issues };
}
