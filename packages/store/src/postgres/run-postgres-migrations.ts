import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { storeMigrations } from '../schema/migrations.js';

/**
 * Runs the store's migrations in `schema` (to the newest, or up to `to`) under kysely's migration
 * lock. `db` comes from `postgresKysely`, whose introspection sees only `schema`, so other stores'
 * schemas created or dropped meanwhile cannot fail it.
 */
export async function runPostgresMigrations(db: Kysely<unknown>, schema: string, to?: string): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: storeMigrations, migrationTableSchema: schema });
  return to === undefined ? migrator.migrateToLatest() : migrator.migrateTo(to);
}
