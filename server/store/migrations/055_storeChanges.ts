import type { Migration } from '../migration';

/**
 * The store's change counter: one row whose `counter` every committed write of the service moves forward in its
 * own transaction (server/store/changeTracking.ts), so each process learns cheaply that another one wrote.
 * Left empty here: the first counted write inserts the row.
 */
export const storeChangesMigration: Migration = {
  id: 55,
  name: 'store changes',
  statements: () => ['CREATE TABLE store_changes (id INTEGER PRIMARY KEY CHECK (id = 1), counter BIGINT NOT NULL)'],
};
