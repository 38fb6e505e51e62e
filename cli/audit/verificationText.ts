import type { ChainVerification } from '../../core/api/audit';

const reasons: Record<NonNullable<ChainVerification['brokenAt']>['reason'], string> = {
  content_mismatch: 'its content no longer yields its hash (edited)',
  missing_events: 'events before it are missing (deleted)',
  rewritten: 'it no longer yields the hash its successor recorded (edited and re-hashed)',
  checkpoint_mismatch: 'a signed checkpoint names another hash for it (the chain up to it was rewritten and re-sealed)',
};

/** What a verification found, one line per finding, for a terminal or a CI log. */
export function verificationLines(verification: ChainVerification): string[] {
  const { head, checkpoints } = verification;
  const scope = verification.from ? `from checkpoint ${verification.from}` : 'from the first';
  const lines = [
    `chain: ${verification.count} events checked ${scope}${head ? ` (head seq ${head.seq}, ${head.at})` : ' (empty log)'}: ${verification.brokenAt ? 'broken' : 'intact'}`,
  ];
  if (verification.brokenAt) {
    const { seq, id, reason } = verification.brokenAt;
    lines.push(`  first broken event: seq ${seq}${id ? ` (${id})` : ''}: ${reasons[reason]}`);
  }
  if (checkpoints) {
    const latest = checkpoints.latest ? `, newest on the chain seq ${checkpoints.latest.seq} signed ${checkpoints.latest.signedAt}` : '';
    const aside = [
      checkpoints.invalid > 0 ? `${checkpoints.invalid} with a signature that does not verify` : null,
      checkpoints.otherKeys > 0 ? `${checkpoints.otherKeys} signed with another key, not relied on` : null,
    ].filter(Boolean);
    lines.push(
      `checkpoints: ${checkpoints.checked} signed checkpoints relied on, ${checkpoints.onChain} on the chain${latest}${aside.length ? `; ${aside.join(', ')}` : ''}`,
    );
  }
  if (verification.truncation) {
    const { checkpoint, headSeq } = verification.truncation;
    const missing = checkpoint.seq - (headSeq ?? 0);
    lines.push(
      `  truncated: checkpoint seq ${checkpoint.seq} (signed ${checkpoint.signedAt}) is beyond the head (${headSeq === null ? 'no events' : `seq ${headSeq}`}): at least ${missing} events are gone`,
    );
  }
  if (verification.tailRewrite) {
    const { checkpoint, storedHash } = verification.tailRewrite;
    lines.push(
      `  rewritten: checkpoint seq ${checkpoint.seq} (signed ${checkpoint.signedAt}) names hash ${checkpoint.hash.slice(0, 16)}…, the event there now has ${storedHash.slice(0, 16)}…`,
    );
  }
  for (const anchor of verification.anchors ?? []) {
    const counts =
      anchor.state === 'delivered' || anchor.state === 'undelivered'
        ? `${anchor.checkpoints} delivered, ${anchor.missing} not`
        : `${anchor.checkpoints} checkpoints${anchor.missing ? `, ${anchor.missing} missing` : ''}${anchor.onlyInAnchor ? `, ${anchor.onlyInAnchor} the database lacks` : ''}`;
    lines.push(`anchor ${anchor.kind} ${anchor.location}: ${anchor.state} (${counts})${anchor.detail ? `: ${anchor.detail}` : ''}`);
  }
  return lines;
}

/** The one-line summary of a failed verification, for the error. */
export function verificationFailure(verification: ChainVerification): string {
  const findings = [
    verification.brokenAt ? `broken at seq ${verification.brokenAt.seq} (${verification.brokenAt.reason})` : null,
    verification.truncation ? `truncated below checkpoint ${verification.truncation.checkpoint.seq}` : null,
    verification.tailRewrite ? `rewritten up to checkpoint ${verification.tailRewrite.checkpoint.seq}` : null,
    verification.checkpoints?.invalid ? `${verification.checkpoints.invalid} forged checkpoints` : null,
  ].filter(Boolean);
  return `the audit trail does not verify: ${findings.join('; ') || 'see above'}`;
}
