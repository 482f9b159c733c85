import type { Command } from 'commander';
import { applyConfig, loadConfig, printableConfig } from './config.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { stderrLine } from './terminal.js';

/**
 * A command action that first fills the options the command line left out from the config file
 * (the command line wins), and answers --print-config. `skip` lists config keys that mean something
 * else for this command (the report's `output` is not where `baseline create` writes).
 */
export function configuredAction<O>(run: (inputs: string[], options: O) => Promise<number>, setExit: (code: number) => void, skip: string[] = []) {
  return async (inputs: string[], _options: unknown, cmd: Command): Promise<void> => {
    const conf = loadConfig(cmd.opts<{ config?: string }>().config);
    if ('error' in conf) {
      stderrLine(`cxlint: ${conf.error}`);
      setExit(EXIT_ERROR);
      return;
    }
    const resolved = applyConfig(cmd, inputs, conf.loaded, skip);
    const options = cmd.opts<Record<string, unknown>>();
    if (options.printConfig) {
      process.stdout.write(printableConfig(conf.loaded, resolved, options));
      setExit(EXIT_OK);
      return;
    }
    setExit(await run(resolved, options as O));
  };
}
