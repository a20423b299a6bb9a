/**
 * Every console command, one file each. To add one: write `commands/<name>.command.ts` exporting a
 * `CliCommand`, and list it here.
 */
import type { CliCommand } from '../cli-command';
import { auditCommands } from './audit';
import { bootstrapAdminCommand } from './bootstrap-admin.command';
import { enginesBootstrapCommand } from './engines-bootstrap.command';
import { certificatesCreateSignerCommand } from './certificates-create-signer.command';
import { importSubjectsCliCommand } from './import-subjects';
import { projectionsRebuildCommand } from './projections-rebuild';

export const cliCommands: CliCommand[] = [
  bootstrapAdminCommand,
  importSubjectsCliCommand,
  ...auditCommands,
  projectionsRebuildCommand,
  enginesBootstrapCommand,
  certificatesCreateSignerCommand,
];
