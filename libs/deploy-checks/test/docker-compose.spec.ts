/**
 * docker-compose.yml is valid and brings up what the services need: checked by `docker compose config` when
 * the compose plugin is installed, and always by reading the file itself (no Docker engine is needed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkServiceSecrets, distributedConfigSchema } from '@vaxledger/infrastructure';
import type { ServiceName } from '@vaxledger/runtime';
import { parseSourceEventStores } from '@vaxledger/audit';
import { describeWithTool } from '@vaxledger/testing';

const repoRoot = join(__dirname, '..', '..', '..');
const composeFile = join(repoRoot, 'docker-compose.yml');
const services: ServiceName[] = ['identity', 'registry', 'immunization', 'audit'];
const engines = ['kafka', 'eventstore', 'mongo', 'redis'];
/** One-shot jobs: they run to completion before the services start, so they have no health to check. */
const jobs = ['engine-bootstrap'];

/** Stand-ins for the secrets an operator keeps in .env: compose refuses to start without them. */
const operatorEnvironment: Record<string, string> = {
  JWT_PRIVATE_KEY: 'placeholder-private-key',
  JWT_PUBLIC_KEY: 'placeholder-public-key',
  VAXLEDGER_LOOKUP_KEY: 'placeholder-lookup-key',
  AUDIT_SIGNING_KEY: 'placeholder-audit-key',
  DCC_SIGNING_KEY: 'placeholder-dcc-signing-key',
  DCC_SIGNING_CERTIFICATE: 'placeholder-dcc-signing-certificate',
  ENGINE_ADMIN_PASSWORD: 'placeholder-engine-admin-password',
  MONGO_REPLICA_KEY: 'placeholder-replica-key',
  IDENTITY_ENGINE_PASSWORD: 'placeholder-identity-password',
  REGISTRY_ENGINE_PASSWORD: 'placeholder-registry-password',
  IMMUNIZATION_ENGINE_PASSWORD: 'placeholder-immunization-password',
  AUDIT_ENGINE_PASSWORD: 'placeholder-audit-password',
  REPORTING_ENGINE_PASSWORD: 'placeholder-reporting-password',
};

/** Compose's variable substitution: ${X}, ${X:-default}, ${X:?error}; a missing required one throws. */
function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (kind === '?') throw new Error(`${name}: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the parsed compose file is checked field by field */
const compose: Record<string, any> = parse(
  interpolate(readFileSync(composeFile, 'utf8'), operatorEnvironment),
  {
    merge: true,
  },
);

/**
 * The compose CLI to validate with: Docker's compose plugin when installed, otherwise Debian's `docker-compose`
 * (1.29, which reads the same Compose Specification; npm test installs it). Neither needs a Docker engine.
 */
function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0)
    return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0) return ['docker-compose'];
  return null;
}

const compose_ = composeCommand();
const composeTool = {
  name: 'a compose CLI (docker compose plugin or Debian docker-compose)',
  location: compose_?.join(' ') ?? null,
  install: 'apt-get install -y docker-compose; the file is still checked by reading it',
};

function composeConfig(env: NodeJS.ProcessEnv) {
  const [command, ...prefix] = compose_!;
  return spawnSync(command, [...prefix, '-f', composeFile, 'config', '-q'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env,
  });
}

describeWithTool(composeTool, 'docker-compose.yml, as `compose config` reads it', () => {
  it('is accepted once the operator has set the secrets', () => {
    const result = composeConfig({ ...process.env, ...operatorEnvironment });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses to start without the token verification key', () => {
    const env = { ...process.env, ...operatorEnvironment };
    delete env.JWT_PUBLIC_KEY;
    const result = composeConfig(env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('JWT_PUBLIC_KEY');
  });
});

describe('docker-compose.yml, read as a file', () => {
  it('names the secrets an operator must provide and refuses to run without any of them', () => {
    for (const missing of Object.keys(operatorEnvironment)) {
      const env = { ...operatorEnvironment, [missing]: undefined };
      expect(() => interpolate(readFileSync(composeFile, 'utf8'), env)).toThrow(missing);
    }
  });

  it('runs the four engines, the engine bootstrap, the four services and the gateway, each long-running one with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [...engines, ...jobs, ...services, 'gateway'].sort(),
    );
    for (const [name, service] of Object.entries<any>(compose.services)) {
      if (jobs.includes(name)) {
        expect(`${name}: ${service.restart}`).toBe(`${name}: no`);
        continue;
      }
      expect(`${name}: ${Array.isArray(service.healthcheck?.test) || typeof service.healthcheck?.test}`).toBe(
        `${name}: true`,
      );
      expect(service.healthcheck.interval).toMatch(/^\d+s$/);
    }
  });

  it('names every service event log audit verify reconciles the trail with', () => {
    const sources = parseSourceEventStores(
      String(compose.services.audit.environment.AUDIT_SOURCE_EVENT_STORES),
    );
    expect(sources.map((source) => source.service).sort()).toEqual(['identity', 'immunization', 'registry']);
  });

  it('gives audit a named volume of its own for the checkpoint anchors, outside the trail database', () => {
    const audit = compose.services.audit;
    const directory = audit.environment.AUDIT_ANCHOR_DIR;
    expect(directory).toBe('/var/lib/vaxledger/audit-anchors');
    expect(audit.volumes).toContain(`audit-anchors:${directory}`);
    expect(Object.keys(compose.volumes)).toContain('audit-anchors');
  });

  it('starts a service only after the services it depends on are healthy', () => {
    for (const [name, service] of Object.entries<any>(compose.services)) {
      for (const [dependency, condition] of Object.entries<any>(service.depends_on ?? {})) {
        expect(compose.services[dependency]).toBeDefined();
        const expected = jobs.includes(dependency) ? 'service_completed_successfully' : 'service_healthy';
        expect(`${name} -> ${dependency}: ${condition.condition}`).toBe(
          `${name} -> ${dependency}: ${expected}`,
        );
      }
    }
    for (const service of services)
      expect(Object.keys(compose.services[service].depends_on).sort()).toEqual([...engines, ...jobs].sort());
  });

  it('keeps engine data in declared named volumes and mounts only files that exist or that the build makes', () => {
    const declared = Object.keys(compose.volumes ?? {});
    // Build output (the web console in ./dist/console) exists once `npm run build:console` ran, as the
    // compose file's header asks; everything else mounted from the repository must be there already.
    const builtBeforeUp = ['./dist/console'];
    for (const service of Object.values<any>(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = String(volume).split(':')[0];
        if (builtBeforeUp.includes(source)) expect(existsSync(join(repoRoot, 'apps', 'console'))).toBe(true);
        else if (source.startsWith('.') || source.startsWith('/'))
          expect(existsSync(join(repoRoot, source))).toBe(true);
        else expect(declared).toContain(source);
      }
    }
    for (const engine of engines) expect(compose.services[engine].volumes?.length).toBeGreaterThan(0);
  });

  describe.each(services)('the %s service', (service) => {
    it('runs its own entry point from the built image', () => {
      const definition = compose.services[service];
      expect(definition.build).toBe('.');
      expect(definition.command).toEqual([`dist/apps/${service}/src/main.js`]);
      expect(existsSync(join(repoRoot, `apps/${service}/src/main.ts`))).toBe(true);
    });

    it('gets an environment that passes its start-up validation, with a read-model database of its own', () => {
      const env = Object.fromEntries(
        Object.entries<any>(compose.services[service].environment).map(([key, value]) => [
          key,
          String(value),
        ]),
      );
      const parsed = distributedConfigSchema.safeParse(env);
      expect(
        parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      ).toEqual([]);
      if (parsed.success) expect(checkServiceSecrets(service, parsed.data)).toEqual([]);
      expect(env.MONGO_URL).toMatch(new RegExp(`/vaxledger_${service}\\?`));
    });

    it("connects to every engine as its own principal over TLS, with its password from the operator's environment", () => {
      const raw: Record<string, string> = parse(readFileSync(composeFile, 'utf8'), { merge: true }).services[
        service
      ].environment;
      const own = `vaxledger-${service}`;
      const password = `\${${service.toUpperCase()}_ENGINE_PASSWORD:?set ${service.toUpperCase()}_ENGINE_PASSWORD}`;
      expect([raw.KAFKA_SASL_USERNAME, raw.REDIS_USERNAME, raw.MONGO_USERNAME]).toEqual([own, own, own]);
      expect([raw.KAFKA_SASL_PASSWORD, raw.REDIS_PASSWORD, raw.MONGO_PASSWORD]).toEqual([
        password,
        password,
        password,
      ]);
      expect(raw.KAFKA_TLS).toBe('true');
      expect(raw.REDIS_URL).toMatch(/^rediss:\/\//);
      expect(raw.MONGO_TLS).toBe('true');
      for (const variable of ['KAFKA_TLS_CA_FILE', 'REDIS_TLS_CA_FILE', 'MONGO_TLS_CA_FILE']) {
        expect(compose.services[service].volumes).toContain(
          `./deploy/compose/tls:${raw[variable].replace(/\/ca\.pem$/, '')}:ro`,
        );
      }
    });
  });

  it('routes the gateway to the compose services on port 3000 with the shared routes file', () => {
    const gateway = compose.services.gateway;
    expect(gateway.volumes).toEqual(
      expect.arrayContaining([
        './deploy/gateway/nginx.conf:/etc/nginx/nginx.conf:ro',
        './deploy/gateway/routes.conf:/etc/nginx/vaxledger/routes.conf:ro',
      ]),
    );
    const nginxConf = readFileSync(join(repoRoot, 'deploy/gateway/nginx.conf'), 'utf8');
    const servers = [...nginxConf.matchAll(/upstream \w+\s*\{\s*server ([\w.-]+):(\d+);/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    expect(servers.sort()).toEqual(services.map((s) => `${s}:3000`).sort());
  });
});
