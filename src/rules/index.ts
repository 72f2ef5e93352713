// The one list of rules. Config validation, defaults, the docs index and `rules` listing all derive
// from it; adding a rule means adding its module here (and its doc page and test beside it).

import syntaxError from './syntax-error.js';
import requireConcurrentIndexCreation from './require-concurrent-index-creation.js';
import requireConcurrentIndexDeletion from './require-concurrent-index-deletion.js';
import requireConcurrentReindex from './require-concurrent-reindex.js';
import banConcurrentIndexCreationInTransaction from './ban-concurrent-index-creation-in-transaction.js';
import requireCheckBeforeAttachPartition from './require-check-before-attach-partition.js';
import requireConcurrentPartitionDetach from './require-concurrent-partition-detach.js';
import banConcurrentIndexIfNotExists from './ban-concurrent-index-if-not-exists.js';
import enumAddValueInTransaction from './enum-add-value-in-transaction.js';
import constraintMissingNotValid from './constraint-missing-not-valid.js';
import disallowedUniqueConstraint from './disallowed-unique-constraint.js';
import addingNotNullableField from './adding-not-nullable-field.js';
import addingRequiredField from './adding-required-field.js';
import addingFieldWithDefault from './adding-field-with-default.js';
import changingColumnType from './changing-column-type.js';
import renamingColumn from './renaming-column.js';
import renamingTable from './renaming-table.js';
import banDropTable from './ban-drop-table.js';
import banDropColumn from './ban-drop-column.js';
import banDropPrimaryKey from './ban-drop-primary-key.js';
import banDropSchema from './ban-drop-schema.js';
import banDropDatabase from './ban-drop-database.js';
import banTruncate from './ban-truncate.js';
import banVacuumFullAndCluster from './ban-vacuum-full-and-cluster.js';
import banDeleteWithoutWhere from './ban-delete-without-where.js';
import banUpdateWithoutWhere from './ban-update-without-where.js';
import requireLockTimeout from './require-lock-timeout.js';
import lockHeldAcrossWork from './lock-held-across-work.js';
import transactionNesting from './transaction-nesting.js';
import banUncommittedTransaction from './ban-uncommitted-transaction.js';
import banCopyProgram from './ban-copy-program.js';
import banAlterSystem from './ban-alter-system.js';
import banDisableTriggerAll from './ban-disable-trigger-all.js';
import preferRobustStmts from './prefer-robust-stmts.js';
import preferBigintOverInt from './prefer-bigint-over-int.js';
import preferTextField from './prefer-text-field.js';
import preferTimestamptz from './prefer-timestamptz.js';
import banCharField from './ban-char-field.js';
import preferIdentity from './prefer-identity.js';
import unusedIgnore from './unused-ignore.js';
import applyFailed from './apply-failed.js';
import rollbackFailed from './rollback-failed.js';
import rollbackMismatch from './rollback-mismatch.js';
import reapplyFailed from './reapply-failed.js';
import tableRewrite from './table-rewrite.js';
import accessExclusiveLock from './access-exclusive-lock.js';
import fkMissingIndex from './fk-missing-index.js';
import invalidIndex from './invalid-index.js';
import headerMissingField from './header-missing-field.js';
import headerInvalidValue from './header-invalid-value.js';
import headerRiskUnderstated from './header-risk-understated.js';
import namingConvention from './naming-convention.js';
import namingDuplicateVersion from './naming-duplicate-version.js';
import namingOutOfOrder from './naming-out-of-order.js';
import journalMismatch from './journal-mismatch.js';
import migrationFileInvalid from './migration-file-invalid.js';
import migrationModified from './migration-modified.js';
import rollbackMissing from './rollback-missing.js';
import pendingMigration from './pending-migration.js';
import pendingSkippedByRunner from './pending-skipped-by-runner.js';
import targetMigrationMissing from './target-migration-missing.js';
import targetChecksumMismatch from './target-checksum-mismatch.js';
import targetMigrationFailed from './target-migration-failed.js';
import targetInvalidIndex from './target-invalid-index.js';
import blockingSession from './blocking-session.js';
import schemaDrift from './schema-drift.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  syntaxError,
  requireConcurrentIndexCreation,
  requireConcurrentIndexDeletion,
  requireConcurrentReindex,
  banConcurrentIndexCreationInTransaction,
  requireCheckBeforeAttachPartition,
  requireConcurrentPartitionDetach,
  banConcurrentIndexIfNotExists,
  enumAddValueInTransaction,
  constraintMissingNotValid,
  disallowedUniqueConstraint,
  addingNotNullableField,
  addingRequiredField,
  addingFieldWithDefault,
  changingColumnType,
  renamingColumn,
  renamingTable,
  banDropTable,
  banDropColumn,
  banDropPrimaryKey,
  banDropSchema,
  banDropDatabase,
  banTruncate,
  banVacuumFullAndCluster,
  banDeleteWithoutWhere,
  banUpdateWithoutWhere,
  requireLockTimeout,
  lockHeldAcrossWork,
  transactionNesting,
  banUncommittedTransaction,
  banCopyProgram,
  banAlterSystem,
  banDisableTriggerAll,
  preferRobustStmts,
  preferBigintOverInt,
  preferTextField,
  preferTimestamptz,
  banCharField,
  preferIdentity,
  unusedIgnore,
  applyFailed,
  rollbackFailed,
  rollbackMismatch,
  reapplyFailed,
  tableRewrite,
  accessExclusiveLock,
  fkMissingIndex,
  invalidIndex,
  headerMissingField,
  headerInvalidValue,
  headerRiskUnderstated,
  namingConvention,
  namingDuplicateVersion,
  namingOutOfOrder,
  journalMismatch,
  migrationFileInvalid,
  migrationModified,
  rollbackMissing,
  pendingMigration,
  pendingSkippedByRunner,
  targetMigrationMissing,
  targetChecksumMismatch,
  targetMigrationFailed,
  targetInvalidIndex,
  blockingSession,
  schemaDrift,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));
