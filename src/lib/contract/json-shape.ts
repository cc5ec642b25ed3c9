/**
 * The contract's JSON documents (report.json) described as data. One shape gives the TypeScript
 * type (`JsonValueOf`), the reader that checks a file and locates every problem
 * (`readJsonDocument`), the JSON Schema published beside the data (`jsonSchemaOf`) and the rows
 * of the data dictionary, so none of them can drift from the others.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { isRealDate } from './dates.ts';
import { lineIndex, positionAt } from './decode.ts';
import { textProblem } from './text-rules.ts';
import { isWebAddress } from './web-address.ts';

interface Documented {
  /** What the value means, for the data dictionary and the JSON Schema. */
  readonly description?: string;
  /** How the data dictionary names the value's type, where the kind alone says too little. */
  readonly typeLabel?: string;
}

export type JsonShape = Documented &
  (
    | { readonly kind: 'text'; readonly maxLength: number }
    | { readonly kind: 'date' | 'url' | 'count' | 'sha256' }
    | { readonly kind: 'enum'; readonly values: readonly string[] }
    | { readonly kind: 'list'; readonly item: JsonShape }
    | { readonly kind: 'object'; readonly fields: Readonly<Record<string, JsonField>> }
    | {
        readonly kind: 'record';
        readonly keys: readonly string[];
        readonly value: JsonShape;
        /** Whether every key must be given (headline figures) or any of them (section titles). */
        readonly everyKey: boolean;
      }
  );

/**
 * A property of an object. A `required` one must be there and hold a value, or hold null where
 * it is also `nullable` (a figure whose value no source gives); others may be absent or null,
 * except a record of optional keys (section titles), which reads as `{}` when absent.
 */
export type JsonField = JsonShape & { readonly required: boolean; readonly nullable?: boolean };

type ScalarValue<S> = S extends { kind: 'count' }
  ? number
  : S extends { kind: 'enum'; values: readonly (infer V)[] }
    ? V
    : string;

/** The TypeScript type of a value of a shape. */
export type JsonValueOf<S> = S extends { kind: 'list'; item: infer I }
  ? JsonValueOf<I>[]
  : S extends { kind: 'object'; fields: infer F }
    ? {
        -readonly [K in keyof F]: F[K] extends { kind: 'record'; everyKey: false }
          ? JsonValueOf<F[K]>
          : F[K] extends { nullable: true }
            ? JsonValueOf<F[K]> | null
            : F[K] extends { required: true }
              ? JsonValueOf<F[K]>
              : JsonValueOf<F[K]> | null;
      }
    : S extends { kind: 'record'; keys: readonly (infer K extends string)[]; value: infer V }
      ? S extends { everyKey: true }
        ? Record<K, JsonValueOf<V>>
        : Partial<Record<K, JsonValueOf<V>>>
      : ScalarValue<S>;

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

const pathName = (path: JsonPath) => path.join('.');

/** Reads and checks a value against its shape; a problem anywhere makes the value unusable. */
class ShapeReader {
  readonly problems: JsonProblem[] = [];
  private readonly document: JsonDocument;

  constructor(document: JsonDocument) {
    this.document = document;
  }

  problem(node: Node | undefined, path: JsonPath, message: string): void {
    const at = node ? this.document.position(node.offset) : this.document.locate(path);
    this.problems.push({ ...at, message });
  }

  read(shape: JsonShape, node: Node, path: JsonPath): unknown {
    switch (shape.kind) {
      case 'object':
        return this.object(shape.fields, node, path);
      case 'record':
        return this.record(shape, node, path);
      case 'list': {
        if (node.type !== 'array') return this.wrongType(node, path, 'must be a list');
        return (node.children ?? []).map((child, index) =>
          this.read(shape.item, child, [...path, index]),
        );
      }
      default:
        return this.scalar(shape, node, path);
    }
  }

  private wrongType(node: Node, path: JsonPath, what: string): null {
    this.problem(node, path, `${pathName(path)} ${what}`);
    return null;
  }

  /** The properties of an object node, each named once; a repeated name is a problem. */
  private properties(node: Node, path: JsonPath): Map<string, Node> {
    const found = new Map<string, { key: Node; value: Node }>();
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const name = String(key.value);
      const earlier = found.get(name);
      if (earlier) {
        const { line } = this.document.position(earlier.key.offset);
        const where = path.length ? ` in ${pathName(path)}` : '';
        this.problem(
          key,
          path,
          `"${name}" is given twice${where} (first on line ${line}); JSON readers keep only the last, so remove one`,
        );
        continue;
      }
      found.set(name, { key, value });
    }
    return new Map([...found].map(([name, { value }]) => [name, value]));
  }

  private object(fields: Readonly<Record<string, JsonField>>, node: Node, path: JsonPath): unknown {
    if (node.type !== 'object') return this.wrongType(node, path, 'must be an object');
    const given = this.properties(node, path);
    const names = Object.keys(fields);
    for (const [name, value] of given) {
      if (!(name in fields)) {
        const where = path.length ? ` in ${pathName(path)}` : '';
        this.problem(
          value.parent?.children?.[0] ?? value,
          path,
          `unknown field "${name}"${where}; the fields are ${names.join(', ')}`,
        );
      }
    }
    const result: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(fields)) {
      const value = given.get(name);
      const fieldPath = [...path, name];
      const blank =
        !value || value.type === 'null' || (value.type === 'string' && value.value === '');
      if (blank) {
        if (field.required && (!value || !field.nullable)) {
          const what = field.nullable
            ? 'is required (null where no source gives it)'
            : 'is required';
          this.problem(value ?? node, fieldPath, `${pathName(fieldPath)} ${what}`);
        }
        result[name] = field.kind === 'record' && !field.required ? {} : null;
        continue;
      }
      result[name] = this.read(field, value, fieldPath);
    }
    return result;
  }

  private record(
    shape: Extract<JsonShape, { kind: 'record' }>,
    node: Node,
    path: JsonPath,
  ): unknown {
    if (node.type !== 'object') return this.wrongType(node, path, 'must be an object');
    const given = this.properties(node, path);
    const result: Record<string, unknown> = {};
    for (const [name, value] of given) {
      if (!shape.keys.includes(name)) {
        this.problem(
          value.parent?.children?.[0] ?? value,
          path,
          `${pathName(path)} has no key "${name}"; its keys are ${shape.keys.join(', ')}`,
        );
      }
    }
    for (const key of shape.keys) {
      const value = given.get(key);
      const keyPath = [...path, key];
      if (!value) {
        if (shape.everyKey) this.problem(node, keyPath, `${pathName(keyPath)} is required`);
        continue;
      }
      result[key] = this.read(shape.value, value, keyPath);
    }
    return result;
  }

  private scalar(shape: JsonShape, node: Node, path: JsonPath): unknown {
    const name = pathName(path);
    if (shape.kind === 'count') {
      const raw = this.document.text.slice(node.offset, node.offset + node.length);
      if (node.type !== 'number' || !/^-?\d+$/.test(raw)) {
        return this.wrongType(node, path, 'must be a whole number');
      }
      if (raw.startsWith('-')) return this.wrongType(node, path, 'must not be negative');
      if (!Number.isSafeInteger(Number(raw))) {
        return this.wrongType(
          node,
          path,
          `is ${raw}, larger than ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')}, the largest count stored exactly`,
        );
      }
      return Number(raw);
    }
    if (node.type !== 'string') return this.wrongType(node, path, 'must be text');
    const text = String(node.value);
    switch (shape.kind) {
      case 'text': {
        const problem = textProblem(text, shape.maxLength);
        return problem ? this.wrongType(node, path, problem) : text;
      }
      case 'date':
        return isRealDate(text)
          ? text
          : this.wrongType(node, path, `must be a real date as YYYY-MM-DD, got "${text}"`);
      case 'url':
        return isWebAddress(text)
          ? text
          : this.wrongType(
              node,
              path,
              `must be a web address starting with https:// or http://, got "${text}"`,
            );
      case 'sha256':
        return SHA256_PATTERN.test(text)
          ? text
          : this.wrongType(
              node,
              path,
              `must be a SHA-256 digest as 64 lower-case hexadecimal digits, got "${text}"`,
            );
      case 'enum':
        return shape.values.includes(text)
          ? text
          : this.wrongType(node, path, `must be one of ${shape.values.join(', ')}, got "${text}"`);
      default:
        throw new Error(`${name}: not a scalar shape`);
    }
  }
}

/**
 * Reads a JSON document against an object shape. Returns the value, of type `T` (the shape's
 * `JsonValueOf`, named by the caller), only when there is no problem; every problem is located
 * at the value it concerns (or the object missing it).
 */
export function readJsonDocument<T>(
  document: JsonDocument,
  shape: JsonShape & { kind: 'object' },
): { value: T | null; problems: JsonProblem[] } {
  const reader = new ShapeReader(document);
  const value = reader.read(shape, document.root, []);
  return {
    value: reader.problems.length ? null : (value as T),
    problems: reader.problems,
  };
}

/**
 * What the published schemas (report.json's JSON Schema and the Table Schemas) say of a web
 * address. Not `format: uri`: that means an RFC 3986 URI, and `isWebAddress` accepts what a
 * browser parses, e.g. an unencoded `"` or `<` in a query, which validators of `uri` refuse. So
 * the schemas state only what every accepted address has (an http or https scheme, in any case,
 * and no spaces), and the project's validator remains the full check.
 */
/** A SHA-256 digest as `sha256sum` prints it. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export const WEB_ADDRESS_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?:\\S+$';

/** The JSON Schema (draft 2020-12 vocabulary) of a shape; a field that is not required may be null. */
export function jsonSchemaOf(shape: JsonShape, nullable = false): Record<string, unknown> {
  const type = (name: string) => (nullable ? [name, 'null'] : name);
  const described = shape.description ? { description: shape.description } : {};
  switch (shape.kind) {
    case 'text':
      return { type: type('string'), maxLength: shape.maxLength, ...described };
    case 'date':
      return { type: type('string'), format: 'date', ...described };
    case 'url':
      return { type: type('string'), pattern: WEB_ADDRESS_PATTERN, ...described };
    case 'sha256':
      return { type: type('string'), pattern: SHA256_PATTERN.source, ...described };
    case 'count':
      return {
        type: type('integer'),
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        ...described,
      };
    case 'enum':
      return {
        type: type('string'),
        enum: nullable ? [...shape.values, null] : [...shape.values],
        ...described,
      };
    case 'list':
      return { type: type('array'), items: jsonSchemaOf(shape.item), ...described };
    case 'object': {
      const fields = Object.entries(shape.fields);
      const required = fields.filter(([, field]) => field.required).map(([name]) => name);
      return {
        type: type('object'),
        ...(required.length ? { required } : {}),
        properties: Object.fromEntries(
          fields.map(([name, field]) => [
            name,
            jsonSchemaOf(field, !field.required || field.nullable === true),
          ]),
        ),
        additionalProperties: false,
        ...described,
      };
    }
    case 'record':
      return {
        type: type('object'),
        ...(shape.everyKey ? { required: [...shape.keys] } : {}),
        properties: Object.fromEntries(shape.keys.map((key) => [key, jsonSchemaOf(shape.value)])),
        additionalProperties: false,
        ...described,
      };
  }
}

const KIND_LABELS: Record<JsonShape['kind'], string> = {
  text: 'text',
  date: 'date (YYYY-MM-DD)',
  url: 'web address',
  count: 'whole number ≥ 0',
  sha256: 'SHA-256 digest (64 hex digits)',
  enum: 'one of a list',
  list: 'list',
  object: 'object',
  record: 'object',
};

/** How the data dictionary names a shape's type. */
export function shapeTypeLabel(shape: JsonShape): string {
  if (shape.typeLabel) return shape.typeLabel;
  return shape.kind === 'enum' ? `one of: ${shape.values.join(', ')}` : KIND_LABELS[shape.kind];
}
