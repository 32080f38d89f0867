/** One versioned schema change. Versions start at 1 and leave no gap; an applied one never changes. */
export interface Migration {
  readonly version: number;
  /** Short kebab-free name, recorded beside the version in `schema_migrations`. */
  readonly name: string;
  /** Plain SQL, run in one transaction (PostgreSQL's DDL is transactional). */
  readonly sql: string;
}
