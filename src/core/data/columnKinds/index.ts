/**
 * The registry of column kinds: every input column's transform is one of these, and the rest of the
 * studio asks here (`kindOf(transform)`, `kindForType(type)`) instead of switching on the kind.
 * Adding a kind: its module, its line in KINDS, its member in FittedColumnTransform and its schema
 * in fittedColumnTransformSchema (the compile-time checks below fail until all four agree).
 */
import { z } from "zod";
import type { SameFields, SameType } from "../../sameType";
import type { ColumnType } from "../types";
import { booleanKind, booleanSchema, type BooleanTransform } from "./boolean";
import { categoricalKind, oneHotSchema, type OneHotTransform } from "./categorical";
import { dateKind, dateSchema, type DateTransform } from "./date";
import type { ColumnKind } from "./kind";
import { numericKind, numericSchema, type NumericTransform } from "./numeric";

/** A fitted transform for one input column. Serving applies exactly this to raw records. */
export type FittedColumnTransform =
  NumericTransform | OneHotTransform | BooleanTransform | DateTransform;

export type ColumnTransformKind = FittedColumnTransform["kind"];

/** Any kind, called with its own transform (as `kindOf` guarantees). */
export type AnyColumnKind = ColumnKind<FittedColumnTransform>;

const KINDS: {
  [K in ColumnTransformKind]: ColumnKind<Extract<FittedColumnTransform, { kind: K }>>;
} = {
  numeric: numericKind,
  "one-hot": categoricalKind,
  boolean: booleanKind,
  date: dateKind,
};

/** Every kind, in the order above. */
export const COLUMN_KINDS: readonly AnyColumnKind[] = Object.values(KINDS);

/** The kind that fitted `transform`: its encoder, width, ONNX piece, card line, try-it field… */
export function kindOf(transform: FittedColumnTransform): AnyColumnKind {
  return KINDS[transform.kind];
}

/** The kind a column of `type` becomes, or undefined for types that are never inputs. */
export function kindForType(type: ColumnType): AnyColumnKind | undefined {
  return COLUMN_KINDS.find((kind) => kind.columnType === type);
}

/** Whether a column of `type` can feed the model (identifiers, free text and empty ones cannot). */
export const isInputType = (type: ColumnType) => kindForType(type) !== undefined;

/** The saved form of every transform; each member is its kind's own schema. */
export const fittedColumnTransformSchema = z.discriminatedUnion("kind", [
  numericSchema,
  oneHotSchema,
  booleanSchema,
  dateSchema,
]);

const schemaMatchesType: SameFields<
  FittedColumnTransform,
  z.infer<typeof fittedColumnTransformSchema>
> = true;
const everyKindHasSchema: SameType<
  ColumnTransformKind,
  z.infer<typeof fittedColumnTransformSchema>["kind"]
> = true;
const kindsMatchSchemas: [
  SameFields<NumericTransform, z.infer<typeof numericSchema>>,
  SameFields<OneHotTransform, z.infer<typeof oneHotSchema>>,
  SameFields<BooleanTransform, z.infer<typeof booleanSchema>>,
  SameFields<DateTransform, z.infer<typeof dateSchema>>,
] = [true, true, true, true];
void [schemaMatchesType, everyKindHasSchema, kindsMatchSchemas];
