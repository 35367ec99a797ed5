/**
 * Compile-time checks that a type and the zod schema it mirrors have not drifted apart: a constant
 * typed `SameType<A, z.infer<typeof schema>>` (or `SameFields`) and set to `true` fails to compile
 * once a field is added to one and not the other (zod would drop it silently on every read).
 */

/** `true` when A and B are the same type, else `false`. */
export type SameType<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * `true` when a type and its schema's type name the same fields (optional ones included) and what
 * the schema yields is a valid `Type`: looser than SameType where a nested type is spelled
 * differently but means the same (a Float32Array's buffer type, an intersection against a flat
 * object).
 */
export type SameFields<Type, Parsed> =
  SameType<keyof Type, keyof Parsed> extends true
    ? [Parsed] extends [Type]
      ? true
      : false
    : false;
