/** Try it's fields: each input column's kind says which field it needs (`data/columnKinds/`). */
import { kindOf } from "../data/columnKinds";
import type { RecordField } from "../data/columnKinds/kind";
import type { FittedColumnTransform } from "../data/types";

export type { RecordField };
export { booleanChecked } from "../data/columnKinds/boolean";
export { dateCellText, dateInputValue } from "../data/columnKinds/date";

export function fieldFor(transform: FittedColumnTransform): RecordField {
  return kindOf(transform).field(transform);
}
