// ALTER TABLE ... ATTACH / DETACH PARTITION as one record per sub-command: the partitioned table,
// the partition, and what the parser says about the command (bound, CONCURRENTLY, FINALIZE).

import type { PartitionBoundSpec, RangeVar } from 'libpg-query';
import { as } from '../../sql/ast.js';
import type { StatementModel } from '../../lint/file-model.js';
import { perFile } from './per-file.js';
import { alterTableCommands } from './statements.js';

export interface PartitionCommand {
  statement: StatementModel;
  kind: 'attach' | 'detach' | 'detach-finalize';
  /** The partitioned table (the ALTER TABLE's relation). */
  parent: RangeVar | undefined;
  /** Whether the partitioned table existed before this file (or the change). */
  parentExisting: boolean;
  partition: RangeVar;
  /** ATTACH's FOR VALUES ... or DEFAULT. */
  bound: PartitionBoundSpec | undefined;
  /** DETACH ... CONCURRENTLY. */
  concurrent: boolean;
}

const KINDS: Record<string, PartitionCommand['kind']> = {
  AT_AttachPartition: 'attach',
  AT_DetachPartition: 'detach',
  AT_DetachPartitionFinalize: 'detach-finalize',
};

/** Every ATTACH/DETACH PARTITION of the file (DO blocks included), in statement order. */
export const partitionCommands = perFile((model): readonly PartitionCommand[] =>
  alterTableCommands(model).flatMap(({ statement, relation, command, existing }) => {
    const kind = command.subtype === undefined ? undefined : KINDS[command.subtype];
    const partitionCmd = as(command.def, 'PartitionCmd');
    if (!kind || !partitionCmd?.name) return [];
    return [{ statement, kind, parent: relation, parentExisting: existing, partition: partitionCmd.name, bound: partitionCmd.bound, concurrent: partitionCmd.concurrent ?? false }];
  }),
);
