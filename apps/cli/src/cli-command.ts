/**
 * The console's command contract and router. Each command is one file under `commands/` that exports a
 * `CliCommand`, listed once in `commands/index.ts`; the router picks the command whose words match the
 * start of the arguments (longest match wins, so `audit replay` and `audit verify` can live side by side).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CliOutput {
  write(text: string): unknown;
}

export interface CliContext {
  /** Positionals after the command words, and the parsed `--options`. */
  positionals: string[];
  options: Record<string, string | boolean | Array<string | boolean> | undefined>;
  env: NodeJS.ProcessEnv;
  stdout: CliOutput;
  stderr: CliOutput;
  /** Standard input, for commands that read secrets or data from a pipe. */
  stdin: NodeJS.ReadableStream;
}

export interface CliCommand {
  /** The words that select it: `['bootstrap-admin']`, `['import', 'subjects']`, `['projections', 'rebuild']`. */
  words: string[];
  summary: string;
  /** Shown by `help` and on a usage error, e.g. `--username U --password P`. */
  usage: string;
  options?: CliOptions;
  allowPositionals?: boolean;
  /** Returns the process exit code: 0 on success, non-zero with a message on stderr otherwise. */
  run(context: CliContext): Promise<number>;
}

export interface CliEnvironment {
  commands: readonly CliCommand[];
  env: NodeJS.ProcessEnv;
  stdout: CliOutput;
  stderr: CliOutput;
  stdin: NodeJS.ReadableStream;
}

/** Exit codes: 0 done, 1 the command refused or failed, 2 the command line was wrong. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

export function findCommand(commands: readonly CliCommand[], argv: readonly string[]): CliCommand | undefined {
  return [...commands]
    .sort((a, b) => b.words.length - a.words.length)
    .find((c) => c.words.every((word, i) => argv[i] === word));
}

export function helpText(commands: readonly CliCommand[]): string {
  const lines = ['Usage: npm run cli -- <command> [options]', '', 'Commands:'];
  for (const c of [...commands].sort((a, b) => a.words.join(' ').localeCompare(b.words.join(' ')))) {
    lines.push(`  ${c.words.join(' ')} ${c.usage}`.trimEnd(), `      ${c.summary}`);
  }
  return lines.join('\n') + '\n';
}

export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const { commands, stdout, stderr } = environment;
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    stdout.write(helpText(commands));
    return argv.length === 0 ? exitCodes.usage : exitCodes.ok;
  }
  const command = findCommand(commands, argv);
  if (!command) {
    stderr.write(`Unknown command "${argv.join(' ')}".\n\n${helpText(commands)}`);
    return exitCodes.usage;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv.slice(command.words.length) as string[],
      options: { help: { type: 'boolean', short: 'h' }, ...(command.options ?? {}) },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    stderr.write(`${error instanceof Error ? error.message : String(error)}\nUsage: ${command.words.join(' ')} ${command.usage}\n`);
    return exitCodes.usage;
  }
  if (parsed.values.help) {
    stdout.write(`${command.summary}\nUsage: ${command.words.join(' ')} ${command.usage}\n`);
    return exitCodes.ok;
  }
  try {
    return await command.run({
      positionals: parsed.positionals,
      options: parsed.values,
      env: environment.env,
      stdout,
      stderr,
      stdin: environment.stdin,
    });
  } catch (error) {
    stderr.write(`${command.words.join(' ')} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.failed;
  }
}
