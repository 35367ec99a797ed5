import { MemoryOwnerTokenStore, type OwnerTokenStore } from "../core/share/ownerTokens";

const PREFIX = "model-studio.share-owner-token.";

/** Owner tokens in this browser's localStorage, keyed by share id. */
export class LocalStorageOwnerTokenStore implements OwnerTokenStore {
  constructor(private readonly storage: Storage) {}
  get(shareId: string) {
    return this.storage.getItem(PREFIX + shareId);
  }
  set(shareId: string, token: string) {
    this.storage.setItem(PREFIX + shareId, token);
  }
  remove(shareId: string) {
    this.storage.removeItem(PREFIX + shareId);
  }
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Storage switched off (some privacy modes throw on access).
    return null;
  }
}

/** Where this browser keeps owner tokens: localStorage, or memory for this visit when it is off. */
export function browserOwnerTokens(): OwnerTokenStore {
  const storage = browserStorage();
  return storage ? new LocalStorageOwnerTokenStore(storage) : new MemoryOwnerTokenStore();
}
