import { ConfigError } from './read-env';

/**
 * Builds the configuration, or stops the process with exit code 2 and a one-line message naming
 * each bad variable (on stderr: no logger exists before the configuration does).
 */
export const configOrExit = <C>(build: () => C, program: string): C => {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${program}: ${error.message}\n`);
    process.exit(2);
  }
};
