import { strict as assert } from 'node:assert';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPublicKey, signatureValid } from '../../../core/audit/signedStatements';
import { auditSigningKeyFileName, parseAuditSigningKey, resolveAuditSigner } from '../../../server/audit/checkpoints/auditSigner';
import { serviceOptions } from '../../../server/main';
import { capturedLogs } from '../support/capturedLogs';
import { startTestService } from '../support/testService';

describe('the audit signing key', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'forge-signer-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads FORGE_AUDIT_SIGNING_KEY as PKCS#8 PEM or base64 of a 32-byte seed, the same key either way', async () => {
    const seed = randomBytes(32);
    const fromSeed = await resolveAuditSigner(seed.toString('base64'), dataDir);
    const pem = parseAuditSigningKey(seed.toString('base64')).export({ type: 'pkcs8', format: 'pem' }).toString();
    const fromPem = await resolveAuditSigner(pem, dataDir);
    assert.equal(fromSeed.keyId, fromPem.keyId);
    assert.equal(signatureValid('checkpoint', 'x', fromSeed.sign('checkpoint', 'x'), readPublicKey(fromPem.publicKeyPem)), true);
    assert.equal(signatureValid('report', 'x', fromSeed.sign('checkpoint', 'x'), fromSeed.publicKey), false, 'a purpose cannot pass as another');
  });

  it('refuses a key that is not Ed25519, naming the variable but never quoting the key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const key of ['c2hvcnQ=', rsa, 'not a key at all']) {
      assert.throws(
        () => serviceOptions({ dataDir }, { FORGE_AUDIT_SIGNING_KEY: key }),
        (error: Error) => {
          assert.match(error.message, /^FORGE_AUDIT_SIGNING_KEY: /);
          assert.equal(error.message.includes(key.slice(0, 20)), false);
          return true;
        },
      );
    }
  });

  it('is generated once into the data dir (mode 0600) when not configured, and kept', async () => {
    const first = await resolveAuditSigner(undefined, dataDir);
    const path = join(dataDir, auditSigningKeyFileName);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.match(readFileSync(path, 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
    assert.equal((await resolveAuditSigner(undefined, dataDir)).keyId, first.keyId);
  });

  it('never reaches logs or answers', async () => {
    const { logger, lines } = capturedLogs();
    const service = await startTestService({ logger, dataDir });
    try {
      const pem = readFileSync(join(dataDir, auditSigningKeyFileName), 'utf8');
      const secretLine = pem.split('\n')[1] as string;
      const answers = [
        await service.call('POST', '/api/audit/checkpoints'),
        await service.call('GET', '/api/audit/checkpoints'),
        await service.call('GET', '/api/audit/public-key'),
        await service.call('GET', '/api/audit/verify'),
        await service.call('GET', '/api/audit?format=jsonl'),
      ];
      for (const answer of answers) assert.equal(answer.text.includes(secretLine), false);
      assert.ok(lines.some((line) => line.includes('signed an audit checkpoint')));
      assert.equal(
        lines.some((line) => line.includes(secretLine) || line.includes('PRIVATE')),
        false,
      );
    } finally {
      await service.close();
    }
  });
});
