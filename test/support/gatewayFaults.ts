/** What a fake gateway does with one request it is asked to fail on demand (a webhook activation, a registry call). */
export type GatewayFault =
  | { kind: 'ok' }
  /** Answers `status` and changes nothing. */
  | { kind: 'fail'; status: number }
  /** Does the work, answers after `ms` (past the service's timeout: no answer). */
  | { kind: 'slow'; ms: number }
  /** Does the work and never answers. */
  | { kind: 'hang' }
  /** Does the work and drops the connection without answering. */
  | { kind: 'drop' }
  /** Waits `ms` before it does the work and answers (a gateway busy elsewhere). */
  | { kind: 'late'; ms: number };
