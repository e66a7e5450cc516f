// Every CLI sub-command, one file each. `chartcoder --help` lists them in this order.
import type { CliCommand } from '../types';
import { checkCommand } from './check';

export const COMMANDS: CliCommand[] = [
  checkCommand,
];
