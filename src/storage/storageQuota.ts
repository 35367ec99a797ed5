/** Quota refusals from IndexedDB, turned into an error a person can act on. */

/** The browser refused to store more (QuotaExceededError); nothing already stored is lost. */
export class StorageQuotaError extends Error {
  override name = "StorageQuotaError";
}

function isQuotaError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "name" in error &&
    (error as { name: unknown }).name === "QuotaExceededError"
  );
}

/** Turns a quota refusal into a StorageQuotaError that says what to do. */
export async function guardQuota<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isQuotaError(error)) {
      throw new StorageQuotaError(
        `The browser's storage is full, so ${what} was not saved. Your work is still open here: delete old projects or runs' weights (Projects section), or allow persistent storage, then it is saved again with the next change.`,
      );
    }
    throw error;
  }
}
