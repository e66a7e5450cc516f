// Every CLI sub-command, one file each. `chartcoder --help` lists them in this order.
import type { CliCommand } from '../types';
import { checkCommand } from './check';
import { exportCommand } from './export';
import { importCommand } from './import';
import { groupCommand } from './group';
import { lookupCommand } from './lookup';
import { queriesCommand } from './queries';
import { searchCommand } from './search';
import { tablesCommand } from './tables';
import { auditCommand } from './audit';
import { reportCommand } from './report';

export const COMMANDS: CliCommand[] = [
  checkCommand,
  exportCommand,
  groupCommand,
  importCommand,
  lookupCommand,
  queriesCommand,
  searchCommand,
  tablesCommand,
  auditCommand,
  reportCommand,
];
