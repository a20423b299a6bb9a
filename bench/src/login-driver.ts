/**
 * Child-process entry that walks the real two-step sign-in (password, then the one-time code) in a closed loop
 * from several concurrent workers, each with its own accounts. Codes are read where the standalone build
 * delivers them: the outbox file. Prints one JSON summary on stdout.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { LatencyRecorder } from './latency-recorder';

export interface LoginPlan {
  baseUrl: string;
  outboxPath: string;
  accounts: Array<{ username: string; password: string; email: string }>;
  seconds: number;
  concurrency: number;
}

export interface LoginSummary {
  logins: number;
  seconds: number;
  loginsPerSec: number;
  flow: { p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number };
  passwordStep: { p50Ms: number; p99Ms: number };
  otpStep: { p50Ms: number; p99Ms: number };
  errors: number;
  firstError?: string;
}

/** Follows the outbox file from where it was last read; keeps the latest one-time code per recipient. */
class OutboxCodes {
  private offset = 0;
  private partial = '';
  private readonly latest = new Map<string, string>();

  constructor(private readonly path: string) {}

  codeFor(recipient: string): string | undefined {
    this.readNew();
    const code = this.latest.get(recipient);
    this.latest.delete(recipient);
    return code;
  }

  private readNew(): void {
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, this.offset);
        if (read === 0) break;
        this.offset += read;
        const text = this.partial + buffer.subarray(0, read).toString('utf8');
        const lines = text.split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines) {
          if (!line) continue;
          const message = JSON.parse(line) as { to: string; purpose: string; code: string };
          if (message.purpose === 'otp') this.latest.set(message.to, message.code);
        }
      }
    } finally {
      closeSync(fd);
    }
  }
}

interface SignInAnswer {
  challengeId?: string;
  accessToken?: string;
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: SignInAnswer | null }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'vaxledger-bench' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoginPlan;
  const outbox = new OutboxCodes(plan.outboxPath);
  const flow = new LatencyRecorder();
  const passwordStep = new LatencyRecorder();
  const otpStep = new LatencyRecorder();
  let errors = 0;
  let firstError: string | undefined;
  const fail = (message: string) => {
    errors++;
    firstError ??= message;
  };
  const started = performance.now();
  const deadline = started + plan.seconds * 1000;

  const worker = async (index: number) => {
    const mine = plan.accounts.filter((_, i) => i % plan.concurrency === index);
    let turn = 0;
    while (performance.now() < deadline && mine.length > 0) {
      const account = mine[turn++ % mine.length];
      const t0 = performance.now();
      const login = await postJson(`${plan.baseUrl}/api/v1/auth/login`, {
        username: account.username,
        password: account.password,
      });
      const t1 = performance.now();
      if (login.status !== 200) {
        fail(`login ${login.status} ${JSON.stringify(login.body)}`);
        continue;
      }
      passwordStep.record(t1 - t0);
      const code = outbox.codeFor(account.email);
      if (!code) {
        fail('no one-time code in the outbox after the password step');
        continue;
      }
      const t2 = performance.now();
      const verified = await postJson(`${plan.baseUrl}/api/v1/auth/otp/verify`, {
        challengeId: login.body?.challengeId,
        code,
      });
      const t3 = performance.now();
      if (verified.status !== 200 || typeof verified.body?.accessToken !== 'string') {
        fail(`otp/verify ${verified.status} ${JSON.stringify(verified.body)}`);
        continue;
      }
      otpStep.record(t3 - t2);
      flow.record(t3 - t0);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, (_, i) => worker(i)));
  const seconds = (performance.now() - started) / 1000;
  const f = flow.summary();
  const summary: LoginSummary = {
    logins: flow.count,
    seconds: Math.round(seconds * 10) / 10,
    loginsPerSec: Math.round((flow.count / seconds) * 10) / 10,
    flow: { p50Ms: f.p50Ms, p90Ms: f.p90Ms, p99Ms: f.p99Ms, maxMs: f.maxMs },
    passwordStep: { p50Ms: passwordStep.percentile(50), p99Ms: passwordStep.percentile(99) },
    otpStep: { p50Ms: otpStep.percentile(50), p99Ms: otpStep.percentile(99) },
    errors,
    firstError,
  };
  process.stdout.write(JSON.stringify(summary) + '\n');
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`login driver failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
