import { IndexedDbProjectStorage, type ProjectStorage } from "../storage/projectDb";

let storage: ProjectStorage | null = null;

/** Where projects are kept: IndexedDB in the page; tests may swap in another (fake-indexeddb). */
export function projectStorage(): ProjectStorage {
  storage ??= new IndexedDbProjectStorage();
  return storage;
}

export function setProjectStorage(next: ProjectStorage): void {
  storage = next;
}
