import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { storeMigrations } from '../schema/migrations.js';

/**
 * Runs the store's migrations (to the newest, or up to `to`) under SQLite's write lock, as one
 * transaction: kysely's migration lock is a no-op on SQLite, so without it two processes opening a
 * fresh file together both ran the same migration and one failed ("table … already exists"). The
 * second process waits for the first (busy timeout), then finds nothing pending; a failed migration
 * rolls every migration of this call back.
 */
export async function runSqliteMigrations(db: Kysely<unknown>, to?: string): Promise<MigrationResultSet> {
  await sql`BEGIN IMMEDIATE`.execute(db);
  let outcome: MigrationResultSet;
  try {
    const migrator = new Migrator({ db, provider: storeMigrations });
    outcome = to === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(to);
  } catch (error) {
    await sql`ROLLBACK`.execute(db);
    throw error;
  }
  await sql.raw(outcome.error === undefined ? 'COMMIT' : 'ROLLBACK').execute(db);
  return outcome;
}
