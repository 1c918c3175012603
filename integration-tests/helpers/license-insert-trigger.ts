import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Runs `fn` while a BEFORE INSERT trigger on `license` runs `plpgsql` (a real
 * failure or delay inside PostgreSQL's transaction), with a sequence `<name>_seq`
 * the body may count with; drops both afterwards.
 */
export async function withLicenseInsertTrigger<T>(db: Knex, name: string, plpgsql: string, fn: () => Promise<T>): Promise<T> {
  await db.raw(`
    CREATE SEQUENCE ${name}_seq;
    CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN ${plpgsql} END $$ LANGUAGE plpgsql;
    CREATE TRIGGER ${name} BEFORE INSERT ON license FOR EACH ROW EXECUTE FUNCTION ${name}();
  `)
  try {
    return await fn()
  } finally {
    await db.raw(`
      DROP TRIGGER IF EXISTS ${name} ON license;
      DROP FUNCTION IF EXISTS ${name}();
      DROP SEQUENCE IF EXISTS ${name}_seq;
    `)
  }
}
