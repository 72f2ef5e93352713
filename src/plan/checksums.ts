// The checksums runners keep of applied migrations, computed here the way each runner does, so an
// applied file that changed since is found (target-checksum-mismatch).

import { createHash } from 'node:crypto';

/** SHA-256 as lowercase hex: Prisma (of migration.sql's text) and drizzle-orm (of the .sql file's text). */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function md5Hex(bytes: Buffer | string): string {
  return createHash('md5').update(bytes).digest('hex');
}

/**
 * Whether Prisma takes `script` for the migration with `checksum`. From prisma-engines,
 * schema-engine/connectors/schema-connector/src/checksum.rs (`script_matches_checksum`): SHA-256 of
 * the script as is, with CRLF turned to LF, or with LF turned to CRLF (git changes line endings);
 * a checksum not 64 characters long is an old one whose bytes were written without zero-padding.
 */
export function prismaChecksumMatches(script: string, checksum: string): boolean {
  const candidates = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return candidates.some((text) => {
    const digest = createHash('sha256').update(text).digest();
    const rendered = checksum.length !== 0 && checksum.length !== 64 ? [...digest].map((byte) => byte.toString(16)).join('') : digest.toString('hex');
    return rendered === checksum;
  });
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/**
 * Flyway's checksum of a SQL migration. From flyway-core, ChecksumCalculator /
 * LoadableResource.checksum(): the file is read line by line with BufferedReader.readLine (which
 * ends a line at \n, \r or \r\n and drops it), a BOM is removed from the first line, and each
 * line's UTF-8 bytes are fed to java.util.zip.CRC32; the value is stored as a signed 32-bit int.
 * So line endings do not change it, but every other byte does.
 */
export function flywayChecksum(bytes: Buffer): number {
  let text = bytes.toString('utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let crc = 0xffffffff;
  const lines = text.split(/\r\n|\r|\n/);
  // readLine returns no last empty line for a file that ends with a line break.
  if (lines.length > 0 && lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    for (const byte of Buffer.from(line, 'utf8')) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) | 0;
}
