// The few parts of better-sqlite3 12 the server uses (the package ships no types and
// @types/better-sqlite3 is not installed).
declare module "better-sqlite3" {
  namespace Database {
    interface Statement {
      run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
      get(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
    }
    interface Database {
      prepare(sql: string): Statement;
      exec(sql: string): Database;
      pragma(source: string): unknown;
      transaction<T extends (...args: never[]) => unknown>(fn: T): T;
      close(): Database;
    }
  }
  const Database: new (filename: string, options?: Record<string, unknown>) => Database.Database;
  export default Database;
}
