import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { storeMigrations } from '../schema/migrations.js';

const ATTEMPTS = 5;

/**
 * Runs the store's migrations in `schema` (to the newest, or up to `to`). kysely's Migrator
 * introspects every schema of the database; when another schema is dropped meanwhile (another store
 * or a test removing its own) that read fails with "schema … does not exist" or "relation other.… does not exist", so it is tried again.
 */
export async function runPostgresMigrations(db: Kysely<unknown>, schema: string, to?: string): Promise<MigrationResultSet> {
  for (let attempt = 1; ; attempt += 1) {
    const migrator = new Migrator({ db, provider: storeMigrations, migrationTableSchema: schema });
    const outcome = to === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(to);
    const error = outcome.error as { code?: string; message?: string } | undefined;
    // 3F000: a schema vanished; 42P01: a table in a schema being dropped ("relation other.kysely_migration does not exist").
    const otherSchemaVanished = (error?.code === '3F000' || error?.code === '42P01') && !(error.message ?? '').includes(schema);
    if (!otherSchemaVanished || attempt === ATTEMPTS) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
  }
}
