import { reportFailure } from './errors';
import { createProgram } from './program';

// A reader that stops early (`forge-release audit | head`) is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

createProgram().parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = reportFailure(error, process.stderr);
});
