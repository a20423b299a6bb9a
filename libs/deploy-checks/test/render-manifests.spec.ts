/**
 * Renders deploy/k8s (base and the production overlay) offline with a pinned kustomize and checks what a
 * cluster would be given: the services, their probes, sizes, autoscaling and secrets, the Kafka topics of the
 * contracts, and the gateway's routes. No cluster is needed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { allTopics, enginePrincipals, Topics, topicAccess } from '@vaxledger/contracts';
import { kafkaAclBindings } from '@vaxledger/event-bus';
import { checkServiceSecrets, distributedConfigSchema } from '@vaxledger/infrastructure';
import type { ServiceName } from '@vaxledger/runtime';
import { parseSourceEventStores } from '@vaxledger/audit';
import { describeWithTool } from '@vaxledger/testing';

const repoRoot = join(__dirname, '..', '..', '..');
const services: ServiceName[] = ['identity', 'registry', 'immunization', 'audit'];
const namespace = 'vaxledger';
const installScript = 'deploy/scripts/install-kustomize.sh';

/** Variables that carry key material or credentials: never a literal value, never in a ConfigMap. */
const secretVariables = [
  'JWT_PRIVATE_KEY',
  'JWT_PUBLIC_KEY',
  'VAXLEDGER_LOOKUP_KEY',
  'AUDIT_SIGNING_KEY',
  'DCC_SIGNING_KEY',
  'SMTP_URL',
  'SMS_GATEWAY_TOKEN',
  'KAFKA_SASL_PASSWORD',
  'REDIS_PASSWORD',
  'MONGO_PASSWORD',
];

/** Which service may hold which key: a private key reaches only the service that signs with it. */
const keysByService: Record<ServiceName, string[]> = {
  identity: ['JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY', 'VAXLEDGER_LOOKUP_KEY'],
  registry: ['JWT_PUBLIC_KEY', 'VAXLEDGER_LOOKUP_KEY'],
  immunization: ['JWT_PUBLIC_KEY', 'VAXLEDGER_LOOKUP_KEY', 'DCC_SIGNING_KEY'],
  audit: ['JWT_PUBLIC_KEY', 'AUDIT_SIGNING_KEY'],
};
const keyVariables = ['JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY', 'VAXLEDGER_LOOKUP_KEY', 'AUDIT_SIGNING_KEY', 'DCC_SIGNING_KEY'];

// ------------------------------------------------------------------ finding a renderer

interface Renderer {
  name: string;
  render(dir: string): string;
}

/**
 * The pinned kustomize from deploy/scripts/install-kustomize.sh (built with Go once per machine, then cached);
 * failing that, the kustomize inside kubectl when one is installed.
 */
function findRenderer(): Renderer | { problem: string } {
  const install = spawnSync('bash', [installScript], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 15 * 60_000,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const binary = install.status === 0 ? install.stdout.trim().split('\n').pop() : undefined;
  if (binary && existsSync(binary)) {
    return { name: `kustomize (${binary})`, render: (dir) => run(binary, ['build', dir]) };
  }
  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (kubectl.status === 0) {
    process.stderr.write(`\n*** ${installScript} failed; rendering with \`kubectl kustomize\` instead ***\n`);
    return { name: 'kubectl kustomize', render: (dir) => run('kubectl', ['kustomize', dir]) };
  }
  return {
    problem: `${installScript} exited with ${install.status ?? install.signal} and kubectl is not installed`,
  };
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr || result.error}`);
  return result.stdout;
}

// ------------------------------------------------------------------ reading rendered resources

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered Kubernetes objects are checked field by field */
type Resource = Record<string, any>;

class Rendered {
  readonly resources: Resource[];
  constructor(readonly text: string) {
    this.resources = parseAllDocuments(text).map((doc) => {
      if (doc.errors.length) throw doc.errors[0];
      return doc.toJS() as Resource;
    });
  }
  ofKind(kind: string): Resource[] {
    return this.resources.filter((r) => r.kind === kind);
  }
  find(kind: string, name: string): Resource | undefined {
    return this.resources.find((r) => r.kind === kind && r.metadata?.name === name);
  }
  get(kind: string, name: string): Resource {
    const resource = this.find(kind, name);
    if (!resource) throw new Error(`no ${kind} named ${name} in the rendered manifests`);
    return resource;
  }
  configMap(name: string): Record<string, string> {
    return this.get('ConfigMap', name).data ?? {};
  }
  /** The environment a container starts with; secretKeyRef values become a placeholder naming the key. */
  environment(container: Resource): Record<string, string> {
    const env: Record<string, string> = {};
    for (const source of container.envFrom ?? [])
      Object.assign(env, this.configMap(source.configMapRef.name));
    for (const entry of container.env ?? []) {
      const ref = entry.valueFrom?.secretKeyRef;
      if (ref?.optional) continue;
      env[entry.name] = ref ? `secret:${ref.name}/${ref.key}` : String(entry.value);
    }
    return env;
  }
}

const containerOf = (deployment: Resource): Resource => deployment.spec.template.spec.containers[0];

function quantity(value: string | number): number {
  const text = String(value);
  const units: Record<string, number> = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };
  const match = /^([0-9.]+)(m|Ki|Mi|Gi)?$/.exec(text);
  if (!match) throw new Error(`unreadable quantity ${text}`);
  return Number(match[1]) * (match[2] ? units[match[2]] : 1);
}

function portNumber(container: Resource, port: string | number): number {
  if (typeof port === 'number') return port;
  const named = (container.ports ?? []).find((p: Resource) => p.name === port);
  if (!named) throw new Error(`container ${container.name} has no port named ${port}`);
  return named.containerPort;
}

const routesConf = readFileSync(join(repoRoot, 'deploy/gateway/routes.conf'), 'utf8');

// ------------------------------------------------------------------ the checks

const renderer = findRenderer();

if ('problem' in renderer) {
  // Never runs its body: without kustomize this reports a loud skip, or a failure with CI=true.
  describeWithTool(
    { name: 'kustomize', location: null, install: renderer.problem },
    'Kubernetes manifests',
    () => undefined,
  );
} else {
  describe.each([
    { overlay: 'deploy/k8s/base', production: false },
    { overlay: 'deploy/k8s/overlays/production', production: true },
  ])(`Kubernetes manifests of $overlay, rendered by ${renderer.name}`, ({ overlay, production }) => {
    let rendered: Rendered;
    beforeAll(() => {
      rendered = new Rendered(renderer.render(overlay));
    });

    it('puts every namespaced resource in the vaxledger namespace', () => {
      const namespaced = rendered.resources.filter((r) => r.kind !== 'Namespace');
      expect(namespaced.length).toBeGreaterThan(20);
      for (const resource of namespaced)
        expect(`${resource.kind}/${resource.metadata.name}: ${resource.metadata.namespace}`).toBe(
          `${resource.kind}/${resource.metadata.name}: ${namespace}`,
        );
      expect(rendered.get('Namespace', namespace)).toBeDefined();
    });

    describe.each(services)('the %s service', (service) => {
      const deployment = () => rendered.get('Deployment', service);

      it('runs as its own Deployment of the vaxledger image, started at its own entry point', () => {
        const container = containerOf(deployment());
        const [image, tag] = String(container.image).split(':');
        expect(image).toBe('vaxledger');
        if (production) expect(tag).not.toBe('latest');
        else expect(tag).toBe('latest');
        expect(container.args).toEqual([`dist/apps/${service}/src/main.js`]);
        expect(existsSync(join(repoRoot, `apps/${service}/src/main.ts`))).toBe(true);
        expect(portNumber(container, 'http')).toBe(3000);
      });

      it('is probed for liveness on /health/live and for readiness on /health/ready of port 3000', () => {
        const container = containerOf(deployment());
        for (const [probe, path] of [
          ['livenessProbe', '/health/live'],
          ['readinessProbe', '/health/ready'],
          ['startupProbe', '/health/live'],
        ] as const) {
          expect(container[probe]?.httpGet?.path).toBe(path);
          expect(portNumber(container, container[probe].httpGet.port)).toBe(3000);
        }
      });

      it('asks for CPU and memory and is capped at no less than it asks for', () => {
        const { requests, limits } = containerOf(deployment()).resources ?? {};
        for (const resource of ['cpu', 'memory']) {
          expect(quantity(requests[resource])).toBeGreaterThan(0);
          expect(quantity(limits[resource])).toBeGreaterThanOrEqual(quantity(requests[resource]));
        }
      });

      it('runs as a non-root user on a read-only root filesystem without capabilities', () => {
        const pod = deployment().spec.template.spec;
        const container = containerOf(deployment());
        expect(pod.securityContext.runAsNonRoot).toBe(true);
        expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
        expect(container.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
      });

      it('is reachable through a Service on port 3000 that selects its pods', () => {
        const svc = rendered.get('Service', service);
        expect(svc.spec.ports.map((p: Resource) => p.port)).toContain(3000);
        expect(deployment().spec.template.metadata.labels).toMatchObject(svc.spec.selector);
      });

      it('is autoscaled on CPU and protected by a disruption budget', () => {
        const hpa = rendered.get('HorizontalPodAutoscaler', service);
        expect(hpa.apiVersion).toBe('autoscaling/v2');
        expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: service });
        expect(hpa.spec.metrics.map((m: Resource) => m.resource?.name)).toContain('cpu');
        expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
        const pdb = rendered.get('PodDisruptionBudget', service);
        expect(pdb.apiVersion).toBe('policy/v1');
        expect(deployment().spec.template.metadata.labels).toMatchObject(pdb.spec.selector.matchLabels);
      });

      it('receives exactly the keys it needs, each from a Secret by reference', () => {
        const container = containerOf(deployment());
        const keys = (container.env ?? []).filter((e: Resource) => keyVariables.includes(e.name));
        expect(keys.map((e: Resource) => e.name).sort()).toEqual([...keysByService[service]].sort());
        for (const entry of keys) {
          expect(entry.value).toBeUndefined();
          expect(entry.valueFrom.secretKeyRef).toEqual({ name: expect.any(String), key: expect.any(String) });
        }
      });

      it('starts with an environment that passes the service start-up validation', () => {
        const env = rendered.environment(containerOf(deployment()));
        const parsed = distributedConfigSchema.safeParse(env);
        expect(
          parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        ).toEqual([]);
        if (parsed.success) expect(checkServiceSecrets(service, parsed.data)).toEqual([]);
        expect(env.MONGO_URL).toMatch(new RegExp(`/vaxledger_${service}\\?`));
      });
    });

    it('keeps audit at exactly one replica, replaced rather than rolled, so two trail writers never overlap', () => {
      const audit = rendered.get('Deployment', 'audit');
      expect(audit.spec.replicas).toBe(1);
      expect(audit.spec.strategy.type).toBe('Recreate');
      const hpa = rendered.get('HorizontalPodAutoscaler', 'audit');
      expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([1, 1]);
    });

    it('names every service event log audit verify reconciles the trail with', () => {
      const sources = parseSourceEventStores(
        String(
          rendered.environment(containerOf(rendered.get('Deployment', 'audit'))).AUDIT_SOURCE_EVENT_STORES,
        ),
      );
      expect(sources.map((source) => source.service).sort()).toEqual([
        'identity',
        'immunization',
        'registry',
      ]);
    });

    it('gives audit a persistent volume of its own for the checkpoint anchors, outside the trail database', () => {
      const audit = rendered.get('Deployment', 'audit').spec.template.spec;
      const container = containerOf(rendered.get('Deployment', 'audit'));
      const directory = rendered.environment(container).AUDIT_ANCHOR_DIR;
      expect(directory).toBe('/var/lib/vaxledger/audit-anchors');
      const mount = container.volumeMounts.find((m: Resource) => m.mountPath === directory);
      const volume = audit.volumes.find((v: Resource) => v.name === mount?.name);
      expect(volume?.persistentVolumeClaim?.claimName).toBe('audit-anchors');
      expect(rendered.get('PersistentVolumeClaim', 'audit-anchors').spec.accessModes).toEqual([
        'ReadWriteOnce',
      ]);
    });

    it('leaves the replica count of every scaled-out service to its autoscaler', () => {
      for (const name of ['identity', 'registry', 'immunization', 'gateway']) {
        expect(rendered.get('Deployment', name).spec.replicas).toBeUndefined();
        expect(rendered.get('HorizontalPodAutoscaler', name).spec.maxReplicas).toBeGreaterThan(1);
      }
    });

    it('holds no secret value: no Secret object, no key material, no secret variable outside a secretKeyRef', () => {
      expect(rendered.ofKind('Secret')).toEqual([]);
      expect(rendered.text).not.toMatch(/-----BEGIN [A-Z ]*KEY-----/);
      for (const configMap of rendered.ofKind('ConfigMap')) {
        for (const variable of secretVariables)
          expect(Object.keys(configMap.data ?? {})).not.toContain(variable);
      }
      for (const deployment of rendered.ofKind('Deployment')) {
        for (const container of deployment.spec.template.spec.containers) {
          for (const entry of container.env ?? []) {
            if (secretVariables.includes(entry.name)) {
              expect(`${deployment.metadata.name}/${entry.name}: ${Object.keys(entry.valueFrom ?? {})}`).toBe(
                `${deployment.metadata.name}/${entry.name}: secretKeyRef`,
              );
            }
          }
        }
      }
    });

    it('references only ConfigMaps that it defines (generated names included)', () => {
      const defined = new Set(rendered.ofKind('ConfigMap').map((c) => c.metadata.name));
      for (const deployment of rendered.ofKind('Deployment')) {
        const pod = deployment.spec.template.spec;
        const referenced = [
          ...pod.containers.flatMap((c: Resource) =>
            (c.envFrom ?? []).map((s: Resource) => s.configMapRef?.name),
          ),
          ...(pod.volumes ?? []).map((v: Resource) => v.configMap?.name),
        ].filter(Boolean);
        for (const name of referenced) expect(defined).toContain(name);
      }
    });

    it('declares every topic of the access map and its dead-letter topic with 3 replicas and min.insync.replicas 2', () => {
      const topics = rendered.ofKind('KafkaTopic');
      const expected = [...new Set(topicAccess.map((entry) => entry.topic))]
        .flatMap((topic) => [topic, `${topic}.dlq`])
        .sort();
      expect(topics.map((t) => t.spec.topicName).sort()).toEqual(expected);
      for (const topic of topics) {
        expect(topic.apiVersion).toBe('kafka.strimzi.io/v1beta2');
        expect(topic.metadata.labels['strimzi.io/cluster']).toBe('vaxledger');
        expect(topic.spec.replicas).toBe(3);
        expect(String(topic.spec.config['min.insync.replicas'])).toBe('2');
        expect(topic.spec.partitions).toBeGreaterThanOrEqual(1);
      }
    });

    it('keeps the audit checkpoints compacted and never expiring', () => {
      const checkpoints = rendered.get('KafkaTopic', 'vaxledger.audit.checkpoints.v1').spec.config;
      expect([checkpoints['cleanup.policy'], String(checkpoints['retention.ms'])]).toEqual(['compact', '-1']);
    });

    it('gives every principal a SCRAM KafkaUser whose ACLs are exactly those derived from the topic access map', () => {
      const users = rendered.ofKind('KafkaUser');
      expect(users.map((u) => u.metadata.name).sort()).toEqual(
        enginePrincipals.map((p) => `vaxledger-${p}`).sort(),
      );
      const expected = kafkaAclBindings(topicAccess, { principalOf: (role) => `vaxledger-${role}` })
        .map(
          (b) =>
            `${b.principal} ${b.resourceType} ${b.patternType === 'prefixed' ? 'prefix' : 'literal'} ${b.name} ${b.operation}`,
        )
        .sort();
      const declared = users
        .flatMap((user) => {
          expect(user.metadata.labels['strimzi.io/cluster']).toBe('vaxledger');
          expect(user.spec.authentication.type).toBe('scram-sha-512');
          expect(user.spec.authorization.type).toBe('simple');
          return user.spec.authorization.acls.flatMap((acl: Resource) =>
            acl.operations.map(
              (operation: string) =>
                `User:${user.metadata.name} ${acl.resource.type} ${acl.resource.patternType} ${acl.resource.name} ${operation.toLowerCase()}`,
            ),
          );
        })
        .sort();
      expect(declared).toEqual(expected);
    });

    it('connects every service to the engines as its own principal over TLS, with passwords from Secrets', () => {
      for (const service of services) {
        const container = containerOf(rendered.get('Deployment', service));
        const env = rendered.environment(container);
        const own = `vaxledger-${service}`;
        expect([env.KAFKA_SASL_USERNAME, env.REDIS_USERNAME, env.MONGO_USERNAME]).toEqual([own, own, own]);
        expect(env.KAFKA_SASL_PASSWORD).toBe(`secret:${own}/password`);
        expect(env.REDIS_PASSWORD).toBe(`secret:${service}-engines/password`);
        expect(env.MONGO_PASSWORD).toBe(`secret:${service}-engines/password`);
        expect([env.KAFKA_TLS, env.MONGO_TLS]).toEqual(['true', 'true']);
        expect(env.REDIS_URL).toMatch(/^rediss:\/\//);
        const mounts = container.volumeMounts.map((m: Resource) => m.mountPath);
        for (const caFile of [env.KAFKA_TLS_CA_FILE, env.REDIS_TLS_CA_FILE, env.MONGO_TLS_CA_FILE]) {
          expect(mounts.some((path: string) => caFile.startsWith(`${path}/`))).toBe(true);
        }
      }
      const job = rendered.get('Job', 'engine-bootstrap').spec.template.spec.containers[0];
      expect(job.args).toEqual(['dist/apps/cli/src/main.js', 'engines', 'bootstrap', '--skip-kafka']);
      for (const entry of job.env.filter((e: Resource) => /PASSWORD$/.test(e.name))) {
        expect(entry.valueFrom.secretKeyRef).toEqual({ name: expect.any(String), key: 'password' });
      }
    });

    it('keeps the reporting and access topics longer than the other integration topics', () => {
      const retention = (name: string) =>
        Number(rendered.get('KafkaTopic', name).spec.config['retention.ms']);
      const longer = [Topics.immunizationDose, Topics.auditAccess];
      const others = allTopics.filter((t) => !longer.includes(t as (typeof longer)[number]));
      for (const topic of longer) {
        for (const other of others) expect(retention(topic)).toBeGreaterThan(retention(other));
      }
    });

    it('gives the high-volume subject, dose and record topics the most partitions', () => {
      const partitions = (name: string) => rendered.get('KafkaTopic', name).spec.partitions as number;
      const most = Math.max(...allTopics.map(partitions));
      for (const topic of [Topics.registrySubject, Topics.immunizationDose, Topics.immunizationRecord]) {
        expect(partitions(topic)).toBe(most);
      }
    });

    it('gives the gateway the very routes docker compose uses', () => {
      const gateway = rendered.get('Deployment', 'gateway').spec.template.spec;
      const mount = gateway.containers[0].volumeMounts.find(
        (m: Resource) => m.mountPath === '/etc/nginx/vaxledger',
      );
      const volume = gateway.volumes.find((v: Resource) => v.name === mount.name);
      expect(rendered.configMap(volume.configMap.name)['routes.conf']).toBe(routesConf);
    });

    it('points every upstream the routes use at a rendered Service on port 3000', () => {
      const gateway = rendered.get('Deployment', 'gateway').spec.template.spec;
      const mount = gateway.containers[0].volumeMounts.find(
        (m: Resource) => m.mountPath === '/etc/nginx/nginx.conf',
      );
      const volume = gateway.volumes.find((v: Resource) => v.name === mount.name);
      const nginxConf = rendered.configMap(volume.configMap.name)[mount.subPath];
      expect(nginxConf).toContain('include /etc/nginx/vaxledger/routes.conf;');
      const used = new Set([...routesConf.matchAll(/proxy_pass http:\/\/(\w+)/g)].map((m) => m[1]));
      expect(used.size).toBe(4);
      for (const upstream of used) {
        const server = new RegExp(`upstream ${upstream}\\s*\\{\\s*server ([\\w.-]+):(\\d+);`).exec(nginxConf);
        expect(server).not.toBeNull();
        const [, host, port] = server!;
        const [serviceName, serviceNamespace, ...rest] = host.split('.');
        expect(rest.join('.')).toBe('svc.cluster.local');
        expect(serviceNamespace).toBe(namespace);
        expect(rendered.get('Service', serviceName).spec.ports.map((p: Resource) => p.port)).toContain(
          Number(port),
        );
      }
    });

    if (production) {
      it('starts every scaled-out service with a replica per zone and caps consumers at the partition count', () => {
        const mostPartitions = Math.max(
          ...rendered.ofKind('KafkaTopic').map((t) => t.spec.partitions as number),
        );
        for (const name of ['identity', 'registry', 'immunization', 'gateway']) {
          const hpa = rendered.get('HorizontalPodAutoscaler', name);
          expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(3);
          if (name !== 'gateway') expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(mostPartitions);
        }
      });

      it('talks to EventStoreDB over TLS with the mounted cluster CA', () => {
        const url = new URL(
          rendered.environment(containerOf(rendered.get('Deployment', 'registry'))).EVENTSTORE_URL,
        );
        expect(url.searchParams.get('tls')).toBe('true');
        const caFile = url.searchParams.get('tlsCAFile')!;
        for (const service of services) {
          const mounts = containerOf(rendered.get('Deployment', service)).volumeMounts.map(
            (m: Resource) => m.mountPath,
          );
          expect(mounts.some((path: string) => caFile.startsWith(`${path}/`))).toBe(true);
        }
      });
    }
  });
}
