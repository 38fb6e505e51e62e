import type { Migration } from '../migration';

/**
 * Indexes that keep audit queries and reports fast over millions of events. Each filter column is paired with
 * `at` and ends with `seq` (in SQLite every index ends with the rowid, which `seq` is; PostgreSQL needs it
 * named), so a filtered page is read in time order without sorting.
 */
export const auditIndexesMigration: Migration = {
  id: 10,
  name: 'audit indexes',
  statements: ({ engine }) => {
    const seq = engine === 'postgres' ? ', seq' : '';
    return [
      `CREATE INDEX audit_events_by_action ON audit_events (action, at${seq})`,
      `CREATE INDEX audit_events_by_environment ON audit_events (environment, at${seq})`,
      `CREATE INDEX audit_events_by_actor ON audit_events (actor, at${seq})`,
      `CREATE INDEX audit_events_by_version ON audit_events (version${seq})`,
      `CREATE INDEX audit_events_by_release ON audit_events (release_id${seq})`,
      `CREATE INDEX audit_events_by_time ON audit_events (at${seq})`,
    ];
  },
};
