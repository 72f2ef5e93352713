import { describe, expect, it } from 'vitest';
import { readHeader } from '../../src/sql/header.js';
import { ensureParser, parseSource } from '../../src/sql/parse.js';
import { sourceFromText } from '../../src/sql/source.js';

async function header(sql: string) {
  await ensureParser();
  const source = sourceFromText('m.sql', sql);
  const first = parseSource(source).statements[0]?.start ?? source.bytes.length;
  const { fields, endLine } = readHeader(source, first);
  return { fields: Object.fromEntries([...fields].map(([name, f]) => [name, `${f.value}@${f.line}:${f.valueColumn}`])), endLine };
}

describe('readHeader', () => {
  it('reads both header styles, with the line and column of each value', async () => {
    expect(await header('-- Migration: add users\r\n--   Created: 2025-01-15\n-- @risk-level: low\n\nCREATE TABLE users (id int);')).toEqual({
      fields: { migration: 'add users@1:15', created: '2025-01-15@2:15', 'risk-level': 'low@3:17' },
      endLine: 4,
    });
  });

  it('does not take text inside a block comment or a statement for fields', async () => {
    expect(await header('/* Created: 1999-01-01\n-- Version: 1 */\n-- Description: real\nSELECT 1; -- Created: later')).toEqual({
      fields: { description: 'real@3:17' },
      endLine: 4,
    });
  });
});
