/** Command-line options of `npm run bench`. */

export const scenarioNames = [
  'import-csv',
  'rebuild',
  'search-inprocess',
  'search-http',
  'dose-record-http',
  'login-otp',
  'due-list',
  'certificates-issue-http',
  'certificates-verify-http',
] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface BenchOptions {
  mode: 'quick' | 'full';
  /** Subject counts for the data-set scenarios, ascending; the data set grows from one to the next. */
  subjectCounts: number[];
  /** Seconds of sustained load per HTTP scenario. */
  loadSeconds: number;
  connections: number;
  seed: number;
  only: Set<ScenarioName>;
  /** Write V8 CPU profiles of the server (and of the CLI runs) under bench/results/profiles/. */
  profile: boolean;
  distributed: boolean;
  /** Bytes per subject and per dose in every store (dbstat), instead of the timed scenarios. */
  diskBreakdown: boolean;
  keepData: boolean;
  workRoot: string | null;
  /**
   * The server scenarios (search-http, dose-record-http) run only at subject counts up to this; above it they
   * are recorded as skipped. A server must first relay every imported subject to the other services.
   */
  serverMaxSubjects: number | null;
  /** Added to the result file name, so runs of one day with different options do not overwrite each other. */
  label: string | null;
}

export const usage = `Usage: npm run bench -- [options]

  --quick                 50k subjects, 10 s of load per HTTP scenario (3–4 minutes today)
  --subjects N[,N...]     subjects loaded for import/rebuild/search (default 1000000; quick 50000);
                          several counts grow one data set and chart the cost (e.g. 1000000,3000000,10000000)
  --seconds S             seconds of load per HTTP scenario (default 60; quick 10)
  --connections C         concurrent HTTP connections (default 64)
  --only a,b              run only these scenarios: ${scenarioNames.join(', ')}
  --seed N                data-set seed (default 20211201)
  --profile               CPU-profile the server and CLI runs (bench/results/profiles/)
  --keep                  keep the temporary data directories
  --work-dir DIR          where data directories go (default: the system temp dir)
  --server-max-subjects N search-http and dose-record-http only at counts up to N (the server first catches
                          up with every imported subject; dose-record-http runs at the largest such count)
  --label NAME            results go to bench/results/<mode>-<date>-NAME.json (default <mode>-<date>.json)
  --distributed           the four services behind nginx on Kafka/Mongo-wire/Redis (KAFKA_BROKERS, MONGO_URL,
                          REDIS_URL set): register, search and dose scenarios, dose-to-history and
                          dose-to-reporting-topic delays, consumer lag, RSS per service (--quick: 300 subjects)
  --disk-breakdown        bytes per subject and per dose in every store (SQLite dbstat), at the largest
                          --subjects count (use 20000–50000); writes bench/results/disk-<date>[-label].json
`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    mode: quick ? 'quick' : 'full',
    subjectCounts: [quick ? 50_000 : 1_000_000],
    loadSeconds: quick ? 10 : 60,
    connections: 64,
    seed: 20211201,
    only: new Set(scenarioNames),
    profile: false,
    distributed: false,
    diskBreakdown: false,
    keepData: false,
    workRoot: null,
    label: null,
    serverMaxSubjects: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--quick':
        break;
      case '--subjects':
        options.subjectCounts = value()
          .split(',')
          .map((s) => positiveInt(s.replace(/_/g, ''), arg))
          .sort((a, b) => a - b);
        break;
      case '--seconds':
        options.loadSeconds = positiveInt(value(), arg);
        break;
      case '--connections':
        options.connections = positiveInt(value(), arg);
        break;
      case '--seed':
        options.seed = positiveInt(value(), arg);
        break;
      case '--only': {
        const names = value().split(',');
        for (const name of names) {
          if (!(scenarioNames as readonly string[]).includes(name))
            throw new Error(`unknown scenario ${name}`);
        }
        options.only = new Set(names as ScenarioName[]);
        break;
      }
      case '--profile':
        options.profile = true;
        break;
      case '--distributed':
        options.distributed = true;
        break;
      case '--disk-breakdown':
        options.diskBreakdown = true;
        break;
      case '--keep':
        options.keepData = true;
        break;
      case '--work-dir':
        options.workRoot = value();
        break;
      case '--server-max-subjects':
        options.serverMaxSubjects = positiveInt(value().replace(/_/g, ''), arg);
        break;
      case '--label': {
        const label = value();
        if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(label))
          throw new Error('--label takes lower-case letters, digits and dashes');
        options.label = label;
        break;
      }
      case '--help':
      case '-h':
        throw new UsageRequested();
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return options;
}

export class UsageRequested extends Error {}

function positiveInt(raw: string, option: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${option} needs a positive integer, got ${raw}`);
  return n;
}
