// Names that mark a constraint as a primary key where the statement does not say so (DROP
// CONSTRAINT names only the constraint): Postgres's own `<table>_pkey` (also Prisma's, Rails',
// Django's, Knex's), Drizzle's `<table>_<columns>_pk`, and the `PK_` / `pk_` prefix of Entity
// Framework, TypeORM and Alembic's naming conventions.

export function looksLikePrimaryKeyName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('_pkey') || lower.endsWith('_pk') || lower.startsWith('pk_');
}
