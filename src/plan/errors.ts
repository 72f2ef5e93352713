// Why `plan` cannot read the target: one line that says what is missing and what to do. A
// GateDatabaseError, so the shells print it as is and exit 2 (DESIGN.md, "CLI").

import { GateDatabaseError } from '../db/errors.js';

export class PlanTargetError extends GateDatabaseError {
  /** SQLSTATE or Node error code, when the server or the socket gave one. */
  readonly code: string | undefined;

  constructor(message: string, code?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
