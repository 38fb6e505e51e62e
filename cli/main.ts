import { reportFailure } from './errors';
import { createProgram } from './program';

createProgram().parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = reportFailure(error, process.stderr);
});
