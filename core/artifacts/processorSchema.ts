import { z } from 'zod';
import { envelopeShape } from './envelopeSchema';

const processorTypes = ['extractor', 'classifier', 'splitter', 'layout'] as const;

export interface ProcessorField {
  name: string;
  display_name?: string | null;
  data_type: 'PLAIN_TEXT' | 'DATETIME' | 'NUMBER' | 'CURRENCY' | 'ADDRESS' | 'CHECKBOX';
  occurrence: 'OPTIONAL_ONCE' | 'OPTIONAL_MULTIPLE' | 'REQUIRED_ONCE' | 'REQUIRED_MULTIPLE';
  method?: 'EXTRACT' | 'NORMALIZE' | 'CLASSIFY' | 'DETECT' | null;
  prompt_hint?: string | null;
  children?: ProcessorField[] | null;
}

/** One extracted field; `children` nest (a table's columns, an address's parts). */
const processorFieldSchema: z.ZodType<ProcessorField> = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'must be snake_case (^[a-z][a-z0-9_]*$)' }),
    display_name: z.string().nullish(),
    data_type: z.enum(['PLAIN_TEXT', 'DATETIME', 'NUMBER', 'CURRENCY', 'ADDRESS', 'CHECKBOX']),
    occurrence: z.enum(['OPTIONAL_ONCE', 'OPTIONAL_MULTIPLE', 'REQUIRED_ONCE', 'REQUIRED_MULTIPLE']),
    method: z.enum(['EXTRACT', 'NORMALIZE', 'CLASSIFY', 'DETECT']).nullish(),
    prompt_hint: z.string().nullish(),
    get children() {
      return z.array(processorFieldSchema).nullish();
    },
  })
  .meta({ id: 'ProcessorField' });

const processorSpecSchema = z.strictObject({
  processor_type: z.enum(processorTypes),
  endpoint: z.string().regex(/^[A-Za-z0-9_.-]+:\/\/\S+$/, { error: 'must look like "<executor>://path"' }),
  base_model: z.string().nullish(),
  document_prompt: z.string().nullish(),
  fields: z.array(processorFieldSchema).nullish(),
  classes: z.array(z.string().min(1)).nullish(),
});

export const processorArtifactSchema = z.looseObject({
  ...envelopeShape,
  kind: z.literal('processor'),
  spec: processorSpecSchema,
});
