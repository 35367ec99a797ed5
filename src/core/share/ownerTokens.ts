/**
 * Where this browser keeps the owner tokens of the links it hosted. A token is the only key to
 * update or delete a hosted share; it never goes into a link. Today localStorage keyed by share
 * id (store/shareTokens.ts); the projects work can put it in IndexedDB behind the same interface.
 */
export interface OwnerTokenStore {
  get(shareId: string): string | null;
  set(shareId: string, token: string): void;
  remove(shareId: string): void;
}

/** An in-memory store: for tests and for browsers where storage is off. */
export class MemoryOwnerTokenStore implements OwnerTokenStore {
  private tokens = new Map<string, string>();
  get(shareId: string) {
    return this.tokens.get(shareId) ?? null;
  }
  set(shareId: string, token: string) {
    this.tokens.set(shareId, token);
  }
  remove(shareId: string) {
    this.tokens.delete(shareId);
  }
}
