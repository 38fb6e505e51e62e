import { z } from 'zod';
import { definitionOf } from './definitionBase';

/** NOOP: groups tasks; the scheduler evaluates it but no executor runs it. */
export const noopDefinition = definitionOf('NOOP', {});

export const llmDefinition = definitionOf('LLM', {
  model_name: z.string().min(1).meta({ description: 'Model the LLM executor loads.' }),
});

export const pythonFunctionDefinition = definitionOf('PYTHON_FUNCTION', {
  endpoint: z.string().min(1),
});

export const executorEndpointDefinition = definitionOf('EXECUTOR_ENDPOINT', {
  endpoint: z.string().regex(/:\/\//, { error: 'must name an executor endpoint such as "extract_executor://document/extract"' }),
});
