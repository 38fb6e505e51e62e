import assert from 'node:assert/strict';
import { readActivePointer, readStagedSet } from '../../server/environments/environmentDefinitions';
import { openDatabase } from '../../server/store/openDatabase';
import { describeEachEngine } from '../support/engines';
import { createPostgresDatabase, type TestPostgresDatabase } from '../support/postgresCluster';
import { versionBody, workflowUpload } from './support/artifacts';
import { capturedLogs } from './support/capturedLogs';
import { startTestService, type TestService } from './support/testService';

const password = 'pw-never-leaves-7f3a9c';

describeEachEngine("an environment's own database", (engine) => {
  let service: TestService;
  let elsewhere: TestPostgresDatabase;
  let logLines: string[];

  beforeEach(async () => {
    const logs = capturedLogs();
    logLines = logs.lines;
    service = await startTestService({ engine, logger: logs.logger });
    elsewhere = await createPostgresDatabase();
    assert.equal((await service.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]))).status, 201);
  });
  afterEach(async () => {
    await service.close();
    await elsewhere.drop();
  });

  /** The other database's URL with a user and password in it (the test cluster trusts local connections, so any password is accepted). */
  const credentialed = (schema: string) => {
    const url = new URL(elsewhere.url);
    url.username = 'forge';
    url.password = password;
    url.searchParams.set('schema', schema);
    return url.toString();
  };

  it('keeps definitions in a schema of another PostgreSQL database, and its password out of answers, the audit log and the logs', async () => {
    const created = await service.call('PUT', '/api/environments/qa', { tier: 'staging', databaseUrl: credentialed('qa_definitions') });
    assert.equal(created.status, 201, created.text);
    const { host, pathname } = new URL(elsewhere.url);
    assert.equal(created.body.databaseUrl, `postgres://${host}${pathname}?schema=qa_definitions`);
    const started = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'qa' });
    assert.equal(started.status, 202, started.text);
    await service.deps.tasks.idle();
    assert.equal((await service.call('GET', `/api/releases/${started.body.id}`)).body.status, 'succeeded');

    const definitions = await openDatabase(credentialed('qa_definitions'));
    try {
      assert.deepEqual(await readActivePointer(definitions), { version: 'v1.0.0', releaseId: started.body.id });
      assert.deepEqual(
        (await readStagedSet(definitions, 'v1.0.0')).map((artifact) => artifact.name),
        ['intake'],
      );
    } finally {
      await definitions.close();
    }

    const everything = [
      (await service.call('GET', '/api/environments')).text,
      (await service.call('GET', '/api/environments/qa')).text,
      (await service.call('GET', '/api/audit?limit=1000')).text,
      (await service.call('GET', '/api/releases')).text,
      logLines.join(''),
    ];
    for (const text of everything) assert.ok(!text.includes(password), `the password leaked: ${text.slice(0, 300)}`);
  });

  it('refuses to move an environment to another database once it exists', async () => {
    assert.equal((await service.call('PUT', '/api/environments/qa', { databaseUrl: credentialed('qa_one') })).status, 201);
    const moved = await service.call('PUT', '/api/environments/qa', { databaseUrl: credentialed('qa_two') });
    assert.deepEqual([moved.status, moved.body.error.code], [409, 'database_url_fixed']);
    assert.ok(!moved.text.includes(password));
  });
});
