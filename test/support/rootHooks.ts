import { stopPostgresServer } from './postgresCluster';
import { stopTestPrometheus } from './prometheus';

/** Mocha root hooks of the node suites: the PostgreSQL cluster and the Prometheus a run started are stopped at its end. */
export const mochaHooks = {
  afterAll(): void {
    stopPostgresServer();
    stopTestPrometheus();
  },
};
