/**
 * The words of whatever was thrown: an Error's message, or anything else as text (a rejected
 * promise may carry a string, a DOMException or a plain object).
 */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
