import { stopPostgresServer } from './postgresCluster';

/** Mocha root hooks of the node suites: the PostgreSQL cluster a run started is stopped at its end. */
export const mochaHooks = {
  afterAll(): void {
    stopPostgresServer();
  },
};
