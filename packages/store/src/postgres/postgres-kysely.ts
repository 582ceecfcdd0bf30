import { Kysely, PostgresDialect, sql, type DatabaseIntrospector, type SchemaMetadata, type TableMetadata } from 'kysely';
import type pg from 'pg';

/**
 * kysely over `pool` whose introspection sees only `schema`. kysely's Migrator asks the
 * introspector whether its own tables exist; the default one reads every schema of the database
 * (and calls pg_get_serial_sequence per column), so another store's schema dropped meanwhile made a
 * migration fail ("column … of relation … does not exist", "schema … does not exist").
 */
export function postgresKysely<DB>(pool: pg.Pool, schema: string): Kysely<DB> {
  class SchemaDialect extends PostgresDialect {
    override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
      return schemaIntrospector(db, schema);
    }
  }
  return new Kysely<DB>({ dialect: new SchemaDialect({ pool }) });
}

/** The schema (if it exists) and its tables and views, without columns: what the Migrator needs. */
function schemaIntrospector(db: Kysely<any>, schema: string): DatabaseIntrospector {
  async function getTables(): Promise<TableMetadata[]> {
    const found = await sql<{ name: string; kind: string }>`
      SELECT c.relname AS name, c.relkind AS kind FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p', 'v', 'm')`.execute(db);
    return found.rows.map((row) => ({ name: row.name, schema, isView: row.kind === 'v' || row.kind === 'm', columns: [] }));
  }
  return {
    async getSchemas(): Promise<SchemaMetadata[]> {
      const found = await sql<{ name: string }>`SELECT nspname AS name FROM pg_catalog.pg_namespace WHERE nspname = ${schema}`.execute(db);
      return found.rows;
    },
    getTables,
    async getMetadata() {
      return { tables: await getTables() };
    },
  };
}
