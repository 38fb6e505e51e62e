import { OperationFailedError, reportFailure } from './errors';
import { createProgram } from './program';

// A reader that stops early (`forge-release audit | head`) is not a failure; any other broken stdout is one line.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.exit(reportFailure(new OperationFailedError(`cannot write the output: ${error.code ?? error.message}`), process.stderr));
});

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = reportFailure(error, process.stderr);
  });
