/**
 * `true` when A and B are the same type, else `false`: a constant typed `SameType<A, B>` and set to
 * `true` fails to compile once a type and the zod schema it mirrors drift apart.
 */
export type SameType<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
