import { Command } from 'commander';
import { emit, type PrintOptions, type Printed } from '../output/printed';
import { inCommandTerms } from './inCommandTerms';

// Commander's own action signature: the arguments, then the options, then the command.
type ActionHandler = (...args: any[]) => void | Promise<void>;
type PrintingHandler = (...args: any[]) => Promise<Printed>;

/**
 * Every `forge-release` command. What each one gets by being one (see cli/README.md):
 * - errors that escape its action are worded in its own flags and arguments (a 400's `json.environment` is the
 *   `--env` the user typed; an unknown environment or version comes with the nearest known names);
 * - with `prints`, a `--json` flag and one way of printing: the data as JSON, or the text form, to stdout or to
 *   `--out`, progress on stderr under `--json`, and a failure raised only after the output is written.
 */
export class ForgeCommand extends Command {
  override createCommand(name?: string): ForgeCommand {
    return new ForgeCommand(name);
  }

  override action(handler: ActionHandler): this {
    return super.action(async (...args: unknown[]) => {
      try {
        await handler.apply(this, args);
      } catch (error) {
        throw await inCommandTerms(error, this);
      }
    });
  }

  /**
   * Declares that the command prints data: adds `--json` (described by `jsonHelp`, e.g. "the page of versions
   * ({items, nextCursor})") and runs `handler`, whose result is printed as JSON or text.
   */
  prints(jsonHelp: string, handler: PrintingHandler): this {
    this.option('--json', `print ${jsonHelp} as JSON`);
    return this.action(async (...args: unknown[]) => {
      await emit(await handler(...args), this.opts<PrintOptions>());
    });
  }
}
