/**
 * A contract JSON document (report.json) read against its zod schema with every problem located
 * at a line and column. zod checks the value; what it cannot see, because JSON.parse has
 * already lost it, is checked here on the text: a key given twice (JSON readers keep only the
 * last) and a number that is not written as a whole number or is too large to store exactly.
 * zod's messages are templates: `{path}` is the value's dotted path, `{key}` an unknown key's
 * name and `{where}` " in <path>" below the top level.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { lineIndex, positionAt } from './decode.ts';

export type JsonPath = (string | number)[];

/** A problem with a JSON document, at the line and column of the value concerned. */
export interface JsonProblem {
  line: number;
  column: number;
  message: string;
}

/** A parsed JSON text that can say where any path is. */
export interface JsonDocument {
  text: string;
  root: Node;
  /** Line and column of a character offset in the text. */
  position: (offset: number) => { line: number; column: number };
  /** Line and column of the value at a path, or of its nearest ancestor that exists. */
  locate: (path: JsonPath) => { line: number; column: number };
}

/**
 * Parses strict JSON (no comments, no trailing commas). The document keeps its tree so every
 * later message can point at the value it is about.
 */
export function parseJsonDocument(text: string): JsonDocument | JsonProblem {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first || !root) {
    const offset = first?.offset ?? 0;
    const what = first ? printParseErrorCode(first.error) : 'no value';
    return { ...positionAt(text, offset), message: `not valid JSON: ${describeParseError(what)}` };
  }
  const position = lineIndex(text);
  const locate = (path: JsonPath) => {
    let node: Node | undefined;
    for (let depth = path.length; depth >= 0 && !node; depth--) {
      node = findNodeAtLocation(root, path.slice(0, depth));
    }
    return position(node?.offset ?? 0);
  };
  return { text, root, position, locate };
}

const PARSE_ERRORS: Record<string, string> = {
  InvalidSymbol: 'a character that cannot start a JSON value',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'the text goes on after the JSON value ends',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'an escape that JSON does not have',
  InvalidCharacter: 'a control character inside a string (write it as an escape)',
};

const describeParseError = (code: string) => PARSE_ERRORS[code] ?? code;

/**
 * A number not written as a whole number a JavaScript number holds exactly (`1.0`, `1e3`,
 * `9007199254740993`) reads as NaN, which no kind accepts; where a count refuses it, its message
 * is this token, which `readJsonDocument` replaces by what is wrong with the number as written.
 * So a count is judged by its text, not by what JSON.parse would have made of it.
 */
export const WRITTEN_NUMBER_PROBLEM = '{path} {written number}';

function writtenNumberProblem(raw: string): string {
  if (!/^-?\d+$/.test(raw)) return 'must be a whole number';
  if (raw.startsWith('-')) return 'must not be negative';
  return `is ${raw}, larger than ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')}, the largest count stored exactly`;
}

const pathName = (path: JsonPath) => path.join('.');

/** The message of a template for the value at `path` (and an unknown key's name). */
function filled(template: string, path: JsonPath, key = ''): string {
  return template
    .replaceAll('{path}', pathName(path))
    .replaceAll('{where}', path.length ? ` in ${pathName(path)}` : '')
    .replaceAll('{key}', key);
}

/**
 * The value of a node as the schema reads it: an empty string in an object is blank, as null
 * is; a number that is not plainly whole and exact is NaN (`WRITTEN_NUMBER_PROBLEM`); a key
 * given twice is a problem, and its first value is kept.
 */
function valueOf(
  document: JsonDocument,
  node: Node,
  path: JsonPath,
  problems: JsonProblem[],
): unknown {
  switch (node.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      const firstKeys = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const [key, child] = property.children ?? [];
        if (!key || !child) continue;
        const name = String(key.value);
        const earlier = firstKeys.get(name);
        if (earlier) {
          const { line } = document.position(earlier.offset);
          problems.push({
            ...document.position(key.offset),
            message: filled(
              `"${name}" is given twice{where} (first on line ${line}); JSON readers keep only the last, so remove one`,
              path,
            ),
          });
          continue;
        }
        firstKeys.set(name, key);
        const blank = child.type === 'string' && child.value === '';
        value[name] = blank ? null : valueOf(document, child, [...path, name], problems);
      }
      return value;
    }
    case 'array':
      return (node.children ?? []).map((child, index) =>
        valueOf(document, child, [...path, index], problems),
      );
    case 'number': {
      const raw = document.text.slice(node.offset, node.offset + node.length);
      const number = Number(raw);
      return /^-?\d+$/.test(raw) && Number.isSafeInteger(number) ? number : Number.NaN;
    }
    default:
      return node.value;
  }
}

/** The text of the value at a path, as written. */
function rawText(document: JsonDocument, path: JsonPath): string {
  const node = findNodeAtLocation(document.root, path);
  return node ? document.text.slice(node.offset, node.offset + node.length) : '';
}

/** Where an unknown key is written: its name, not its value. */
function keyPosition(document: JsonDocument, path: JsonPath, key: string) {
  const value = findNodeAtLocation(document.root, [...path, key]);
  const name = value?.parent?.children?.[0];
  return name ? document.position(name.offset) : document.locate(path);
}

/**
 * Reads a JSON document with a zod schema. Returns the value only when there is no problem;
 * every problem is located at the value it concerns (or the object missing it, or the unknown
 * key's name).
 */
export function readJsonDocument<S extends z.ZodType>(
  document: JsonDocument,
  schema: S,
): { value: z.output<S> | null; problems: JsonProblem[] } {
  const problems: JsonProblem[] = [];
  const input = valueOf(document, document.root, [], problems);
  const result = schema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path as JsonPath;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          problems.push({
            ...keyPosition(document, path, key),
            message: filled(issue.message, path, key),
          });
        }
      } else {
        const message = issue.message.includes(WRITTEN_NUMBER_PROBLEM)
          ? issue.message.replace('{written number}', writtenNumberProblem(rawText(document, path)))
          : issue.message;
        problems.push({ ...document.locate(path), message: filled(message, path) });
      }
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { value: problems.length || !result.success ? null : result.data, problems };
}
