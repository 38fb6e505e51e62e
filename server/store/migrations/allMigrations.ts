import type { Migration } from '../migration';
import { auditLogMigration } from './001_auditLog';

/** Every schema migration, in the order they apply. */
export const allMigrations: readonly Migration[] = [auditLogMigration];
