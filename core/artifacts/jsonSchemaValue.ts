import { z } from 'zod';

/** A JSON Schema embedded in an artifact (workflow inputs/outputs, agent input/output): any JSON object. */
export const embeddedJsonSchema = z.record(z.string(), z.unknown()).meta({ description: 'A JSON Schema.' });
