import type { Migration } from '../migration';

/**
 * The live events of `GET /api/events`, in the order they happened across every process on the database:
 * `seq` is the event id a client resumes from (`Last-Event-ID`). Kept for a day (see server/events/eventLog.ts).
 */
export const serviceEventsMigration: Migration = {
  id: 14,
  name: 'service events',
  statements: ({ text, rowKey }) => [
    `CREATE TABLE service_events (
       seq ${rowKey},
       type ${text} NOT NULL,
       data ${text} NOT NULL,
       at ${text} NOT NULL
     )`,
    'CREATE INDEX service_events_by_time ON service_events (at)',
  ],
};
