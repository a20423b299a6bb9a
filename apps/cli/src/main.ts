import 'reflect-metadata';
import { runCli } from './cli-command';
import { cliCommands } from './commands';

/** `npm run cli -- <command> ...`: operator tasks that run beside (or without) the HTTP processes. */
runCli(process.argv.slice(2), {
  commands: cliCommands,
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
}).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
