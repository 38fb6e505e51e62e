import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import type { Checkpoint } from '../../../core/api/audit';
import { checkpointSigned, readPublicKey } from '../../../core/audit/signedStatements';
import { readRefFiles } from '../../../git/refFiles';
import { checkpointChain } from '../../../server/audit/checkpoints/checkpointChain';
import { readCheckpointText } from '../../../core/audit/checkpointText';
import { createRepositoryFixture, type RepositoryFixture } from '../../git/gitRepositoryFixture';
import { listen } from '../support/listen';
import { startTestService, type TestService } from '../support/testService';
import { describeEachEngine } from '../../support/engines';

/** A receiver of checkpoints posted by the URL anchor, failing on demand. */
async function checkpointReceiver() {
  const received: Checkpoint[] = [];
  let failing = false;
  const server = await listen(async (request) => {
    if (failing) return new Response('unavailable', { status: 503 });
    received.push((await request.json()) as Checkpoint);
    return new Response(null, { status: 204 });
  });
  return { ...server, received, fail: (on: boolean) => (failing = on) };
}

describeEachEngine('signed checkpoints of the audit chain', (engine) => {
  let service: TestService;
  let fixture: RepositoryFixture;
  let receiver: Awaited<ReturnType<typeof checkpointReceiver>>;
  let anchorFile: string;
  let maintainer: string;
  let clock = new Date('2026-03-01T10:00:00Z');
  const hook = () => join(fixture.origin, 'hooks', 'pre-receive');

  before(async () => {
    fixture = await createRepositoryFixture();
    mkdirSync(join(fixture.root, 'anchors'));
    anchorFile = join(fixture.root, 'anchors', 'checkpoints.jsonl');
    await fixture.git.commit('first', [], { '--allow-empty': null });
    await fixture.git.push('origin', 'HEAD:main');
    receiver = await checkpointReceiver();
    service = await startTestService({
      engine,
      clock: () => clock,
      env: { FORGE_REPO: fixture.origin, FORGE_AUDIT_ANCHOR_FILE: anchorFile, FORGE_AUDIT_ANCHOR_URL: `${receiver.url}/checkpoints` },
    });
    maintainer = await service.userToken('mara', 'maintainer');
  });
  after(async () => {
    await service.close();
    await receiver.close();
    await fixture.remove();
  });

  async function originCheckpoints(): Promise<number[]> {
    const files = await readRefFiles(fixture.origin, 'refs/forge/audit');
    return [...(files?.files ?? [])].filter(([name]) => name.endsWith('.jsonl')).flatMap(([, text]) => readCheckpointText(text).checkpoints.map((c) => c.seq));
  }

  it('signs the head on demand (admins only), lists checkpoints and publishes the key they verify under', async () => {
    assert.equal((await service.call('POST', '/api/audit/checkpoints', undefined, maintainer)).status, 403);
    const head = (await service.call('GET', '/api/audit/verify')).body.head;
    const created = await service.call('POST', '/api/audit/checkpoints');
    assert.equal(created.status, 201, created.text);
    assert.deepEqual([created.body.seq, created.body.hash, created.body.at], [head.seq, head.hash, head.at]);
    assert.equal(created.body.signedAt, clock.toISOString());
    assert.deepEqual(
      created.body.anchoring.map((a: { kind: string; failed: number[] }) => [a.kind, a.failed]),
      [
        ['file', []],
        ['url', []],
        ['git', []],
      ],
    );
    const again = await service.call('POST', '/api/audit/checkpoints');
    assert.deepEqual([again.status, again.body.seq], [200, head.seq]);

    const key = await service.call('GET', '/api/audit/public-key', undefined, maintainer);
    assert.deepEqual([key.status, key.body.algorithm, key.body.keyId], [200, 'Ed25519', created.body.keyId]);
    assert.match(key.body.publicKey, /^-----BEGIN PUBLIC KEY-----/);
    assert.doesNotMatch(key.text, /PRIVATE/);
    const { anchoring: _anchoring, ...checkpoint } = created.body;
    assert.equal(checkpointSigned(checkpoint, readPublicKey(key.body.publicKey)), true);
    assert.equal(checkpointSigned({ ...checkpoint, seq: checkpoint.seq + 1 }, readPublicKey(key.body.publicKey)), false);

    const list = await service.call('GET', '/api/audit/checkpoints', undefined, maintainer);
    assert.deepEqual(list.body, { items: [checkpoint], nextCursor: null });
    assert.equal((await service.call('GET', '/api/audit/checkpoints', undefined, await service.userToken('dev', 'developer'))).status, 403);
  });

  it('anchors each checkpoint in the file, at the URL and on refs/forge/audit of the origin, and verify says they agree', async () => {
    const checkpoints = (await service.call('GET', '/api/audit/checkpoints')).body.items as Checkpoint[];
    const seqs = checkpoints.map((c) => c.seq);
    assert.deepEqual(readCheckpointText(readFileSync(anchorFile, 'utf8')).checkpoints, checkpoints);
    assert.deepEqual(
      receiver.received.map((c) => c.seq),
      seqs,
    );
    assert.deepEqual(await originCheckpoints(), seqs);
    // The ref is outside every branch: a clone's branches are untouched.
    assert.deepEqual((await simpleGit(fixture.origin).raw(['for-each-ref', '--format=%(refname)'])).trim().split('\n').sort(), ['refs/forge/audit', 'refs/heads/main']);
    const verified = (await service.call('GET', '/api/audit/verify')).body;
    assert.equal(verified.ok, true, JSON.stringify(verified));
    assert.deepEqual(
      verified.anchors.map((a: { kind: string; state: string; checkpoints: number }) => [a.kind, a.state, a.checkpoints]),
      [
        ['file', 'agrees', 1],
        ['url', 'delivered', 1],
        ['git', 'agrees', 1],
      ],
    );
  });

  it('records a URL and a push that fail, keeps the commit in the mirror, and delivers both with a later checkpoint', async () => {
    receiver.fail(true);
    writeFileSync(hook(), '#!/bin/sh\necho "checkpoints are frozen" >&2\nexit 1\n', { mode: 0o755 });
    await service.call('PUT', '/api/environments/qa', { tier: 'staging' });
    clock = new Date('2026-03-01T10:20:00Z');
    const failed = await service.call('POST', '/api/audit/checkpoints');
    assert.equal(failed.status, 201);
    const byKind = Object.fromEntries(failed.body.anchoring.map((a: { kind: string }) => [a.kind, a]));
    assert.deepEqual(byKind.file.failed, []);
    assert.deepEqual(byKind.url.failed, [failed.body.seq]);
    assert.match(byKind.url.detail, /answered 503/);
    assert.deepEqual(byKind.git.failed, [failed.body.seq]);
    assert.match(byKind.git.detail, /committed to refs\/forge\/audit in the mirror; pushing it to .* failed: .*(pre-receive hook declined|rejected)/);
    assert.equal((await originCheckpoints()).includes(failed.body.seq), false);
    const mirrorHeld = (await readRefFiles(join(service.dataDir, 'repository.git'), 'refs/forge/audit'))?.files;
    assert.ok([...(mirrorHeld?.values() ?? [])].some((text) => text.includes(`"seq":${failed.body.seq}`)));
    const pending = (await service.call('GET', '/api/audit/verify')).body;
    assert.equal(pending.ok, true);
    const states = Object.fromEntries(pending.anchors.map((a: { kind: string }) => [a.kind, a]));
    assert.deepEqual([states.url.state, states.url.missing], ['undelivered', 1]);
    assert.equal(states.git.state, 'agrees');
    assert.match(states.git.detail, /pushing it to/);

    receiver.fail(false);
    writeFileSync(hook(), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    await service.call('PUT', '/api/environments/qa', { purpose: 'QA' });
    clock = new Date('2026-03-01T10:40:00Z');
    const later = await service.call('POST', '/api/audit/checkpoints');
    const seqs = ((await service.call('GET', '/api/audit/checkpoints')).body.items as Checkpoint[]).map((c) => c.seq).reverse();
    assert.deepEqual(
      later.body.anchoring.map((a: { anchored: number[] }) => a.anchored.length),
      [1, 2, 2],
    );
    assert.deepEqual(
      receiver.received.map((c) => c.seq),
      seqs,
    );
    assert.deepEqual(await originCheckpoints(), seqs);
    const verified = (await service.call('GET', '/api/audit/verify')).body;
    assert.deepEqual(
      verified.anchors.map((a: { state: string }) => a.state),
      ['agrees', 'delivered', 'agrees'],
    );
  });

  it('still finds a truncation when the database’s checkpoints are deleted with the events: the anchors hold them', async () => {
    const checkpoints = (await service.call('GET', '/api/audit/checkpoints')).body.items as Checkpoint[];
    const newest = checkpoints[0] as Checkpoint;
    await service.deps.db.execute({ sql: 'DELETE FROM audit_events WHERE seq > ?', args: [newest.seq - 2] });
    await service.deps.db.execute('DELETE FROM audit_anchorings');
    await service.deps.db.execute('DELETE FROM audit_checkpoints');
    const verified = (await service.call('GET', '/api/audit/verify')).body;
    assert.equal(verified.ok, false);
    assert.equal(verified.truncation.checkpoint.seq, newest.seq);
    assert.equal(verified.truncation.headSeq, newest.seq - 2);
    // The file and the ref hold checkpoints the database no longer has; the URL's receiver keeps its own copies.
    assert.deepEqual(
      verified.anchors.map((a: { kind: string; state: string; onlyInAnchor: number }) => [a.kind, a.state, a.onlyInAnchor]),
      [
        ['file', 'differs', checkpoints.length],
        ['url', 'delivered', 0],
        ['git', 'differs', checkpoints.length],
      ],
    );
  });
});

describeEachEngine('checkpoints taken when due', (engine) => {
  it('after the interval’s events or minutes, once per head however many replicas decide at once', async () => {
    let now = new Date('2026-03-01T10:00:00Z');
    const env = { FORGE_CHECKPOINT_INTERVAL: '5 events, 30 minutes' };
    const first = await startTestService({ engine, clock: () => now, env });
    const second = await startTestService({ engine, clock: () => now, env, databaseUrl: first.databaseUrl });
    try {
      const round = () => Promise.all([checkpointChain(first.deps, 'due'), checkpointChain(second.deps, 'due'), checkpointChain(first.deps, 'due')]);
      const stored = async () => ((await first.call('GET', '/api/audit/checkpoints?limit=50')).body.items as Checkpoint[]).map((c) => c.seq).reverse();
      // The first checkpoint of a log is due at once.
      const taken = await round();
      assert.equal(taken.filter((result) => result?.created).length, 1);
      const firstSeq = (await stored())[0] as number;
      for (let index = 0; index < 4; index += 1) await first.call('PUT', `/api/environments/e${index}`, { tier: 'development' });
      await round();
      assert.deepEqual(await stored(), [firstSeq], 'four new events: not due yet');
      await second.call('PUT', '/api/environments/e4', { tier: 'development' }, first.adminToken);
      await round();
      assert.deepEqual(await stored(), [firstSeq, firstSeq + 5]);
      await first.call('PUT', '/api/environments/e5', { tier: 'development' });
      now = new Date('2026-03-01T10:29:00Z');
      await round();
      assert.deepEqual(await stored(), [firstSeq, firstSeq + 5], 'one new event, 29 minutes: not due');
      now = new Date('2026-03-01T10:31:00Z');
      const late = await round();
      assert.equal(late.filter((result) => result?.created).length, 1);
      assert.deepEqual(await stored(), [firstSeq, firstSeq + 5, firstSeq + 6]);
      now = new Date('2026-03-01T12:00:00Z');
      assert.deepEqual(await round(), [null, null, null], 'nothing new since: nothing to sign');
    } finally {
      await second.close();
      await first.close();
    }
  });
});
