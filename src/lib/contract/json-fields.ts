/**
 * The kinds of value report.json holds, as zod schemas with the contract's messages: text with a
 * length limit, dates, web addresses, counts, SHA-256 digests, one of a list, lists and objects.
 * The field helpers say whether a field must be there (`required`), must be there but may be
 * null (`requiredOrNull`, a figure no source gives) or may be left out (`optional`, read as
 * null). Messages are templates (see json-document.ts). How the data dictionary names a type is
 * kept in a registry of its own, so the published JSON Schema carries no keyword of ours.
 */
import { z } from 'zod';
import { isRealDate } from './dates.ts';
import { WRITTEN_NUMBER_PROBLEM } from './json-document.ts';
import { textProblem } from './text-rules.ts';
import { isWebAddress } from './web-address.ts';

/** A SHA-256 digest as `sha256sum` prints it. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/**
 * What the published schemas (report.json's JSON Schema and the Table Schemas) say of a web
 * address. Not `format: uri`: that means an RFC 3986 URI, and `isWebAddress` accepts what a
 * browser parses, e.g. an unencoded `"` or `<` in a query, which validators of `uri` refuse. So
 * the schemas state only what every accepted address has (an http or https scheme, in any case,
 * and no spaces), and the project's validator remains the full check.
 */
export const WEB_ADDRESS_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?:\\S+$';

/** How the data dictionary names a field's type. */
export const typeLabels = z.registry<{ typeLabel: string }>();

/**
 * What to say where a value is missing, and where it is null (or an empty string, which the
 * reader makes null in an object's field): null for "of the wrong type".
 */
interface Absence {
  missing: string;
  blank: string | null;
}
const REQUIRED = '{path} is required';
/** An object's field: blank is as good as missing. */
const FIELD: Absence = { missing: REQUIRED, blank: REQUIRED };
const FIELD_OR_NULL: Absence = {
  missing: '{path} is required (null where no source gives it)',
  blank: null,
};
/** An item of a list or a value of a record: null is a value of the wrong type. */
const ENTRY: Absence = { missing: REQUIRED, blank: null };

/** A key of a record whose keys may be left out. */
const LEAVE_OUT: Absence = {
  missing: REQUIRED,
  blank: '{path} is blank; leave the key out where it is not known',
};

/** The message for a value of the wrong type, or for none where one is needed. */
const wrongType =
  (what: string, absent: Absence) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined
      ? absent.missing
      : issue.input === null && absent.blank
        ? absent.blank
        : `{path} ${what}`;

/** Makes the schema of a kind, given what to say where its value is absent. */
type Kind<S extends z.ZodType> = (absent: Absence) => S;

function labelled<S extends z.ZodType>(schema: S, typeLabel: string): S {
  typeLabels.add(schema, { typeLabel });
  return schema;
}

export const text =
  (maxLength: number): Kind<z.ZodString> =>
  (absent) =>
    labelled(
      z
        .string({ error: wrongType('must be text', absent) })
        .max(maxLength, {
          error: (issue) =>
            `{path} is ${String(issue.input).length} characters long; the limit is ${maxLength}`,
        })
        .superRefine((value, context) => {
          const problem = value.length <= maxLength ? textProblem(value, undefined) : null;
          if (problem) context.addIssue({ code: 'custom', message: `{path} ${problem}` });
        }),
      'text',
    );

export const date: Kind<z.ZodString> = (absent) =>
  labelled(
    z
      .string({ error: wrongType('must be text', absent) })
      .refine(isRealDate, {
        error: (issue) => `{path} must be a real date as YYYY-MM-DD, got "${String(issue.input)}"`,
      })
      .meta({ format: 'date' }),
    'date (YYYY-MM-DD)',
  );

export const url: Kind<z.ZodString> = (absent) =>
  labelled(
    z
      .string({ error: wrongType('must be text', absent) })
      .refine(isWebAddress, {
        error: (issue) =>
          `{path} must be a web address starting with https:// or http://, got "${String(issue.input)}"`,
      })
      .meta({ pattern: WEB_ADDRESS_PATTERN }),
    'web address',
  );

export const sha256: Kind<z.ZodString> = (absent) =>
  labelled(
    z.string({ error: wrongType('must be text', absent) }).regex(SHA256_PATTERN, {
      error: (issue) =>
        `{path} must be a SHA-256 digest as 64 lower-case hexadecimal digits, got "${String(issue.input)}"`,
    }),
    'SHA-256 digest (64 hex digits)',
  );

/** A count, as written: 1.0, 1e3 or a number too large to hold exactly is not one. */
export const count: Kind<z.ZodInt> = (absent) =>
  labelled(
    z
      .int({
        // NaN: a number the reader could not take as written (see json-document.ts).
        error: (issue) =>
          Number.isNaN(issue.input)
            ? WRITTEN_NUMBER_PROBLEM
            : wrongType('must be a whole number', absent)(issue),
      })
      .min(0, { error: '{path} must not be negative' }),
    'whole number ≥ 0',
  );

export const oneOf =
  <const V extends readonly [string, ...string[]]>(
    values: V,
  ): Kind<z.ZodEnum<{ [K in V[number]]: K }>> =>
  (absent) =>
    labelled(
      z.enum(values, {
        error: (issue) =>
          typeof issue.input === 'string'
            ? `{path} must be one of ${values.join(', ')}, got "${issue.input}"`
            : wrongType('must be text', absent)(issue),
      }),
      `one of: ${values.join(', ')}`,
    );

export const listOf =
  <S extends z.ZodType>(item: Kind<S>): Kind<z.ZodArray<S>> =>
  (absent) =>
    labelled(z.array(item(ENTRY), { error: wrongType('must be a list', absent) }), 'list');

/** An object of named fields; any other key is refused. */
export const objectOf =
  <F extends z.ZodRawShape>(fields: F): Kind<z.ZodObject<F, z.core.$strict>> =>
  (absent) =>
    labelled(
      z.strictObject(fields, {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? `unknown field "{key}"{where}; the fields are ${Object.keys(fields).join(', ')}`
            : wrongType('must be an object', absent)(issue),
      }),
      'object',
    );

/** An object whose keys are a fixed list, each holding the same kind: every key, or any of them. */
export function recordOf<K extends string, S extends z.ZodType>(
  keys: readonly K[],
  value: Kind<S>,
  everyKey: true,
): Kind<z.ZodObject<Record<K, S>, z.core.$strict>>;
export function recordOf<K extends string, S extends z.ZodType>(
  keys: readonly K[],
  value: Kind<S>,
  everyKey: false,
): Kind<z.ZodObject<Record<K, z.ZodExactOptional<S>>, z.core.$strict>>;
export function recordOf<K extends string, S extends z.ZodType>(
  keys: readonly K[],
  value: Kind<S>,
  everyKey: boolean,
) {
  return (absent: Absence) =>
    labelled(
      z.strictObject(
        Object.fromEntries(
          keys.map((key) => [key, everyKey ? value(ENTRY) : value(LEAVE_OUT).exactOptional()]),
        ),
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? `{path} has no key "{key}"; its keys are ${keys.join(', ')}`
              : wrongType('must be an object', absent)(issue),
        },
      ),
      'object',
    );
}

interface Documented {
  /** What the value means, for the data dictionary and the JSON Schema. */
  description?: string;
  /** How the data dictionary names the type, where the kind alone says too little. */
  typeLabel?: string;
}

function documented<S extends z.ZodType>(schema: S, { description, typeLabel }: Documented): S {
  // `meta` makes a copy, which the kind's label has to be given again.
  const described = description ? schema.meta({ description }) : schema;
  typeLabels.add(described, { typeLabel: typeLabel ?? typeLabelOf(schema) });
  return described as S;
}

/** A whole document: an object, say, of which null is not one. */
export const topLevel = <S extends z.ZodType>(kind: Kind<S>) => kind(ENTRY);

/** A field that must hold a value. */
export const required = <S extends z.ZodType>(kind: Kind<S>, doc: Documented = {}) =>
  documented(kind(FIELD), doc);

/** A field that must be there and may be null: a figure that no source gives. */
export const requiredOrNull = <S extends z.ZodType>(kind: Kind<S>, doc: Documented = {}) =>
  documented(kind(FIELD_OR_NULL).nullable(), doc);

/** A field that may be left out or blank, and then reads as null. */
export const optional = <S extends z.ZodType>(kind: Kind<S>, doc: Documented = {}) =>
  documented(kind(FIELD).nullable().default(null), doc);

/** A record of optional keys that may be left out, and then reads as `{}` (section titles). */
export const optionalRecord = <S extends z.ZodObject>(kind: Kind<S>, doc: Documented = {}) =>
  documented(
    kind({
      missing: REQUIRED,
      blank: '{path} must be an object; leave it out where none is known',
    }).default({} as z.core.util.NoUndefined<z.output<S>>),
    doc,
  );

/** The type label of a field: its own, or its kind's. */
export function typeLabelOf(field: z.ZodType): string {
  let schema: z.ZodType = field;
  for (;;) {
    const label = typeLabels.get(schema)?.typeLabel;
    if (label) return label;
    if (
      schema instanceof z.ZodNullable ||
      schema instanceof z.ZodOptional ||
      schema instanceof z.ZodExactOptional ||
      schema instanceof z.ZodDefault
    )
      schema = schema.unwrap() as z.ZodType;
    else return 'value';
  }
}
