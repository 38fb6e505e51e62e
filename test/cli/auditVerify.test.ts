import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../../core/api/audit';
import { eventHash } from '../../core/audit/eventText';
import { auditEventFromRow, auditEventSelect } from '../../server/audit/auditRow';
import { serveOnPort, type ServedService } from '../service/support/servedService';
import { startTestService, type TestService } from '../service/support/testService';
import { versionBody, workflowUpload } from '../service/support/artifacts';
import { runCli, type CliRun } from './runCli';

function shown(run: CliRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/** One character of `text` replaced, inside the report's rows (not in its signature line). */
function editOneCharacter(text: string, anchor: string): string {
  const at = text.indexOf(anchor);
  assert.ok(at >= 0, `${anchor} is in the report`);
  const replaced = text[at] === 'x' ? 'y' : 'x';
  return text.slice(0, at) + replaced + text.slice(at + 1);
}

describe('forge-release audit verify and report verify', function () {
  this.timeout(180_000);
  let service: TestService;
  let served: ServedService;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const file = (name: string) => join(dir, name);
  const cli = (args: readonly string[]) => runCli(args, dir, env);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'forge-verify-'));
    service = await startTestService({ env: { FORGE_AUDIT_ANCHOR_FILE: join(dir, 'anchor.jsonl') } });
    served = await serveOnPort(service);
    env = { FORGE_URL: served.url, FORGE_TOKEN: service.adminToken };
    await service.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    await service.deps.tasks.idle();
  });
  after(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies online, signs a checkpoint, and saves what an offline check needs', async () => {
    const checkpoint = await cli(['audit', 'checkpoint']);
    assert.equal(checkpoint.code, 0, shown(checkpoint));
    assert.match(checkpoint.stdout, /^signed checkpoint seq \d+ \(hash [0-9a-f]{16}…, key [0-9a-f]{16}\)\n {2}file .*anchor\.jsonl: anchored 1\n$/);
    const online = await cli(['audit', 'verify']);
    assert.equal(online.code, 0, shown(online));
    assert.match(online.stdout, /^chain: \d+ events checked from the first \(head seq \d+, .*\): intact$/m);
    assert.match(online.stdout, /^checkpoints: 1 signed checkpoints relied on, 1 on the chain, newest on the chain seq \d+/m);
    assert.match(online.stdout, /^anchor file .*anchor\.jsonl: agrees \(1 checkpoints\)$/m);
    const incremental = await cli(['audit', 'verify', '--from-checkpoint', '--json']);
    assert.equal(incremental.code, 0, shown(incremental));
    assert.equal(JSON.parse(incremental.stdout).count, 1);

    for (const args of [
      ['audit', 'export', '--out', file('audit.jsonl')],
      ['audit', 'public-key', '--out', file('audit-key.pem')],
    ]) {
      const run = await cli(args);
      assert.equal(run.code, 0, shown(run));
      assert.match(run.stderr, /^wrote /);
    }
    const list = await cli(['audit', 'checkpoints', '--json']);
    writeFileSync(file('checkpoints.json'), list.stdout);
    assert.match(readFileSync(file('audit-key.pem'), 'utf8'), /^-----BEGIN PUBLIC KEY-----\n/);
    const offline = await cli(['audit', 'verify', '--events', file('audit.jsonl'), '--checkpoints', file('checkpoints.json'), '--public-key', file('audit-key.pem')]);
    assert.equal(offline.code, 0, shown(offline));
    assert.match(offline.stdout, /^checkpoints: 1 signed checkpoints relied on, 1 on the chain/m);
    const csv = await cli(['audit', '--format', 'csv', '--limit', '1000', '--out', file('audit.csv')]);
    assert.equal(csv.code, 0, shown(csv));
    const fromCsv = await cli(['audit', 'verify', '--events', file('audit.csv'), '--checkpoints', file('anchor.jsonl'), '--public-key', file('audit-key.pem')]);
    assert.equal(fromCsv.code, 0, shown(fromCsv));
  });

  it('refuses checkpoints without the key that signed them, as a usage error', async () => {
    const run = await cli(['audit', 'verify', '--events', file('audit.jsonl'), '--checkpoints', file('checkpoints.json')]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'forge-release: --checkpoints needs --public-key: a checkpoint is only evidence under the key that signed it\n');
  });

  it('passes an untouched report in every signed format, and fails it after a one-character edit', async () => {
    for (const [format, anchor] of [
      ['md', '| deploy'],
      ['json', '"deploy"'],
    ] as const) {
      const saved = file(`deployments.${format}`);
      const report = await cli(['report', 'deployments', '--format', format, '--out', saved]);
      assert.equal(report.code, 0, shown(report));
      const untouched = await cli(['report', 'verify', saved, '--public-key', file('audit-key.pem')]);
      assert.equal(untouched.code, 0, `${format}: ${shown(untouched)}`);
      assert.match(untouched.stdout, new RegExp(`signature valid \\(${format}, key [0-9a-f]{16}\\); covers the audit chain up to seq \\d+, checkpoint signed `));
      const edited = file(`deployments-edited.${format}`);
      writeFileSync(edited, editOneCharacter(readFileSync(saved, 'utf8'), anchor.slice(1)));
      const refused = await cli(['report', 'verify', edited, '--public-key', file('audit-key.pem')]);
      assert.equal(refused.code, 1, `${format}: ${shown(refused)}`);
      assert.match(refused.stderr, /does not verify: (the signature does not match the document|the report is not valid JSON)/);
    }
  });

  it('says a CSV report is a plain table with no signature to check', async () => {
    const saved = file('deployments.csv');
    const report = await cli(['report', 'deployments', '--format', 'csv', '--out', saved]);
    assert.equal(report.code, 0, shown(report));
    assert.match(readFileSync(saved, 'utf8'), /^startedAt,finishedAt,environment,/);
    const run = await cli(['report', 'verify', saved, '--public-key', file('audit-key.pem')]);
    assert.equal(run.code, 1, shown(run));
    assert.match(run.stderr, /does not verify: a CSV report is a plain table and carries no signature: save the report as JSON or Markdown to verify it/);
  });

  it('fails a report checked with another key', async () => {
    const other = await startTestService();
    try {
      writeFileSync(file('other-key.pem'), (await other.call('GET', '/api/audit/public-key')).body.publicKey);
    } finally {
      await other.close();
    }
    const run = await cli(['report', 'verify', file('deployments.md'), '--public-key', file('other-key.pem')]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /signed with key [0-9a-f]{16}, not with the given key/);
  });

  it('detects a tail rewritten with re-sealed hashes, online and offline', async () => {
    const db = service.deps.db;
    const checkpointSeq = Number((await db.execute('SELECT MAX(seq) AS seq FROM audit_checkpoints')).rows[0]?.seq);
    const rows = (await db.execute({ sql: `SELECT ${auditEventSelect} FROM audit_events WHERE seq >= ? ORDER BY seq`, args: [checkpointSeq - 2] })).rows.map(
      auditEventFromRow,
    );
    const saved = await db.execute({ sql: 'SELECT seq, actor, prev_hash, hash FROM audit_events WHERE seq >= ?', args: [checkpointSeq - 1] });
    let prevHash = (rows[0] as AuditEvent).hash;
    for (const event of rows.slice(1)) {
      const { hash: _hash, ...unsealed } = { ...event, prevHash, actor: event.seq === checkpointSeq - 1 ? 'mallory' : event.actor };
      prevHash = eventHash(unsealed);
      await db.execute({
        sql: 'UPDATE audit_events SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?',
        args: [unsealed.actor, unsealed.prevHash, prevHash, event.seq],
      });
    }
    try {
      const online = await cli(['audit', 'verify']);
      assert.equal(online.code, 1, shown(online));
      assert.match(online.stdout, new RegExp(`^ {2}first broken event: seq ${checkpointSeq} .*: a signed checkpoint names another hash for it`, 'm'));
      assert.match(online.stdout, new RegExp(`^ {2}rewritten: checkpoint seq ${checkpointSeq} `, 'm'));
      assert.match(
        online.stderr,
        new RegExp(
          `^forge-release: the audit trail does not verify: broken at seq ${checkpointSeq} \\(checkpoint_mismatch\\); rewritten up to checkpoint ${checkpointSeq}\\n$`,
        ),
      );
      const exported = await cli(['audit', 'export', '--out', file('rewritten.jsonl')]);
      assert.equal(exported.code, 0, shown(exported));
      const offline = await cli(['audit', 'verify', '--events', file('rewritten.jsonl'), '--checkpoints', file('anchor.jsonl'), '--public-key', file('audit-key.pem')]);
      assert.equal(offline.code, 1, shown(offline));
      assert.match(offline.stdout, new RegExp(`^ {2}rewritten: checkpoint seq ${checkpointSeq} `, 'm'));
    } finally {
      for (const row of saved.rows) {
        await db.execute({
          sql: 'UPDATE audit_events SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?',
          args: [row.actor ?? null, row.prev_hash ?? null, row.hash ?? null, row.seq ?? null],
        });
      }
    }
  });

  it('detects a truncation below the checkpoint, online and offline, even with the database’s checkpoints gone', async () => {
    const db = service.deps.db;
    const checkpointSeq = Number((await db.execute('SELECT MAX(seq) AS seq FROM audit_checkpoints')).rows[0]?.seq);
    await db.execute({ sql: 'DELETE FROM audit_events WHERE seq > ?', args: [checkpointSeq - 3] });
    await db.execute('DELETE FROM audit_anchorings');
    await db.execute('DELETE FROM audit_checkpoints');
    const online = await cli(['audit', 'verify']);
    assert.equal(online.code, 1, shown(online));
    assert.match(
      online.stdout,
      new RegExp(`^ {2}truncated: checkpoint seq ${checkpointSeq} \\(signed .*\\) is beyond the head \\(seq ${checkpointSeq - 3}\\): at least 3 events are gone$`, 'm'),
    );
    assert.match(online.stdout, /^anchor file .*: differs \(\d+ checkpoints, \d+ the database lacks\)$/m);
    const exported = await cli(['audit', 'export', '--out', file('truncated.jsonl')]);
    assert.equal(exported.code, 0, shown(exported));
    const offline = await cli(['audit', 'verify', '--events', file('truncated.jsonl'), '--checkpoints', file('checkpoints.json'), '--public-key', file('audit-key.pem')]);
    assert.equal(offline.code, 1, shown(offline));
    assert.match(offline.stdout, new RegExp(`^ {2}truncated: checkpoint seq ${checkpointSeq} `, 'm'));
  });
});
