// Parser edge cases that everyday migration SQL hits: locations on the bytes, BOM and CRLF, Drizzle
// breakpoints, DO blocks, function bodies, enum values, syntax errors that must not hide the rest.

import { describe, expect, it } from 'vitest';
import { lintSql as lintAll } from '../lint-helpers.js';
import { decodeSource, positionAt, sourceFromText } from '../../src/sql/source.js';
import { ensureParser, parseSource } from '../../src/sql/parse.js';

// Only the rules these parser tests lean on are looked at.
const PARSER_TEST_RULES = new Set(['require-concurrent-index-creation', 'syntax-error']);
async function lintSql(sql: string) {
  const result = await lintAll(sql);
  return { ...result, findings: result.findings.filter((f) => PARSER_TEST_RULES.has(f.rule)) };
}

async function parse(sql: string) {
  await ensureParser();
  const source = sourceFromText('m.sql', sql);
  const parsed = parseSource(source);
  return {
    source,
    parsed,
    lines: parsed.statements.map((s) => positionAt(source, s.start).line),
    tags: parsed.statements.map((s) => s.tag),
  };
}

describe('statement splitting and locations', () => {
  it('maps byte offsets after multi-byte characters to character columns', async () => {
    const { parsed, source } = await parse("SELECT 'héllo wörld ✓'; CREATE INDEX i ON t (a);");
    const index = parsed.statements[1]!;
    expect(positionAt(source, index.start)).toEqual({ line: 1, column: 25 });
  });

  it('ignores a UTF-8 BOM and CRLF line ends when counting lines and columns', async () => {
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('SELECT 1;\r\n\r\n  CREATE TABLE t (id int);\r\n')]);
    const decoded = decodeSource('m.sql', raw);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    await ensureParser();
    const parsed = parseSource(decoded.source);
    expect(parsed.statements.map((s) => positionAt(decoded.source, s.start))).toEqual([
      { line: 1, column: 1 },
      { line: 3, column: 3 },
    ]);
  });

  it('counts a lone CR as a line break, as editors do', async () => {
    const { lines } = await parse('SELECT 1;\rSELECT 2;');
    expect(lines).toEqual([1, 2]);
  });

  it("splits Drizzle's --> statement-breakpoint files", async () => {
    const { tags, lines } = await parse(
      'CREATE TABLE "a" ("id" serial);--> statement-breakpoint\nCREATE TABLE "b" ("id" serial);\n--> statement-breakpoint\nCREATE INDEX "b_idx" ON "b" ("id");',
    );
    expect(tags).toEqual(['CreateStmt', 'CreateStmt', 'IndexStmt']);
    expect(lines).toEqual([1, 2, 4]);
  });

  it('parses DO blocks, function bodies, ALTER TYPE ADD VALUE and CONCURRENTLY IF NOT EXISTS', async () => {
    const { parsed, tags } = await parse(`DO $$ BEGIN
  CREATE TYPE "status" AS ENUM('active', 'inactive');
EXCEPTION
  WHEN duplicate_object THEN null;
END $$;
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$fn$;
ALTER TYPE "status" ADD VALUE IF NOT EXISTS 'archived';
CREATE INDEX CONCURRENTLY IF NOT EXISTS "users_email_idx" ON "users" ("email");`);
    expect(parsed.syntaxErrors).toEqual([]);
    expect(tags).toEqual(['DoStmt', 'CreateEnumStmt', 'CreateFunctionStmt', 'AlterEnumStmt', 'IndexStmt']);
    expect(parsed.statements[1]!.origin).toBe('do-block');
  });

  it('finds SQL in EXECUTE of a constant string inside a DO block', async () => {
    const { parsed } = await parse("DO $$ BEGIN EXECUTE 'CREATE INDEX i ON t (a)'; END $$;");
    expect(parsed.statements.map((s) => s.tag)).toEqual(['DoStmt', 'IndexStmt']);
  });

  it('does not parse DO blocks in other languages as PL/pgSQL', async () => {
    const { parsed } = await parse("DO LANGUAGE plperl $$ my $x = 1; $$;");
    expect(parsed.syntaxErrors).toEqual([]);
    expect(parsed.statements.map((s) => s.tag)).toEqual(['DoStmt']);
  });
});

describe('syntax errors', () => {
  it('reports the failing token\'s line (the one its message names) and still lints the others', async () => {
    const { findings } = await lintSql('CREATE INDEX a ON t (x);\n\nALTER TABLE t\n  ADD COLUMN y intt erger;\n\nCREATE INDEX b ON t (y);');
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['require-concurrent-index-creation', 1],
      ['syntax-error', 4],
      ['require-concurrent-index-creation', 6],
    ]);
    expect(findings[1]!.message).toContain('syntax error at or near "erger"');
    expect(findings[1]!.message).toContain('line 4');
  });

  it('reports an unterminated dollar quote at its statement and keeps the statements before it', async () => {
    const { findings } = await lintSql('CREATE INDEX a ON t (x);\nDO $$ BEGIN\n  PERFORM 1;\n');
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['require-concurrent-index-creation', 1],
      ['syntax-error', 2],
    ]);
    expect(findings[1]!.message).toMatch(/unterminated dollar-quoted string/);
  });

  it('reports a PL/pgSQL error inside a DO block at the DO statement', async () => {
    const { findings } = await lintSql('SELECT 1;\nDO $$ BEGIN NOT VALID PLPGSQL; END $$;');
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['syntax-error', 2]]);
  });

  it('reports an empty file and a comment-only file', async () => {
    for (const sql of ['', '  \n', '-- nothing here yet\n/* later */\n']) {
      const { findings } = await lintSql(sql);
      expect(findings.map((f) => [f.rule, f.line, f.message])).toEqual([['syntax-error', 1, 'The file holds no SQL statement.']]);
    }
  });
});

describe('unreadable files', () => {
  it('reports invalid UTF-8 at the line and column of the bad byte', () => {
    const decoded = decodeSource('m.sql', Buffer.concat([Buffer.from('SELECT 1;\nSELECT \''), Buffer.from([0xff]), Buffer.from("';")]));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error).toMatchObject({ reason: 'invalid-utf8', line: 2, column: 9 });
  });

  it('reports a binary file (NUL bytes)', () => {
    const decoded = decodeSource('m.sql', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.reason).toBe('binary');
  });
});
