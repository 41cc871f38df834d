import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { loadApiConfig } from '@oracle-ai/api/util-config';

const K8S = resolve(__dirname, '../deploy/k8s');

/** Each kind the manifests may hold, with its model (which validates against the Kubernetes schema). */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walked by the assertions below
  [field: string]: any;
}

const manifests: Manifest[] = readdirSync(K8S)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(K8S, file), 'utf8')).map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
      return { ...(document.toJS() as Omit<Manifest, 'file'>), file } as Manifest;
    }),
  );

/** The object as Kubernetes gets it: without the file name this spec adds. */
function withoutFile(manifest: Manifest): Record<string, unknown> {
  return Object.fromEntries(Object.entries(manifest).filter(([key]) => key !== 'file'));
}

function only(kind: string): Manifest {
  const found = manifests.filter((manifest) => manifest.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

/**
 * The Kubernetes manifests under `apps/api/deploy/k8s`, checked in CI: every object against the
 * Kubernetes schemas (`kubernetes-models`: types, enums, required fields), then what must hold
 * between them and the API (probes, ports, the shutdown timeline, the configuration itself).
 */
describe('Kubernetes manifests', () => {
  it.each(manifests.map((manifest) => [`${manifest.file}: ${manifest.kind}`, manifest] as const))(
    '%s is valid against the Kubernetes schema',
    (_name, manifest) => {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model).toBeDefined();
      expect(() => new Model(withoutFile(manifest) as never).validate()).not.toThrow();
    },
  );

  it('the schema validation does catch a mistake', () => {
    const broken = structuredClone(withoutFile(only('Deployment')));
    (broken as Manifest)['spec'].template.spec.containers[0].ports[0].containerPort = '3000';
    expect(() => new Deployment(broken as never).validate()).toThrow(/containerPort/);
  });

  it('ships every object the API needs, in one namespace, selecting the same pods', () => {
    expect(manifests.map((manifest) => manifest.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
    ]);
    expect(new Set(manifests.map((manifest) => manifest.metadata.namespace))).toEqual(
      new Set(['oracle-ai']),
    );
    const podLabels = only('Deployment')['spec'].template.metadata.labels;
    const selects = (selector: Record<string, string>) =>
      Object.entries(selector).every(([key, value]) => podLabels[key] === value);
    expect(selects(only('Deployment')['spec'].selector.matchLabels)).toBe(true);
    expect(selects(only('Service')['spec'].selector)).toBe(true);
    expect(selects(only('PodDisruptionBudget')['spec'].selector.matchLabels)).toBe(true);
    expect(selects(only('NetworkPolicy')['spec'].podSelector.matchLabels)).toBe(true);
    expect(only('HorizontalPodAutoscaler')['spec'].scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: only('Deployment').metadata.name,
    });
  });

  describe('the API container', () => {
    const config = () => loadApiConfig(only('ConfigMap')['data']);
    const pod = () => only('Deployment')['spec'].template.spec;
    const container = () => pod().containers[0];
    const port = (name: string) =>
      container().ports.find((entry: { name: string }) => entry.name === name)?.containerPort;

    it('takes its whole configuration from the ConfigMap, which the API accepts', () => {
      expect(container().envFrom).toEqual([
        { configMapRef: { name: only('ConfigMap').metadata.name } },
      ]);
      expect(() => config()).not.toThrow();
      expect(port('http')).toBe(config().port);
      expect(port('metrics')).toBe(config().metrics?.port);
      expect(config().metrics?.host).toBe('0.0.0.0');
    });

    it('is live on /healthz and ready on /readyz, both on the API port', () => {
      expect(container().livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container().startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container().readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    });

    it('gets a grace period longer than the preStop sleep plus SHUTDOWN_GRACE_S', () => {
      const preStopS = container().lifecycle.preStop.sleep.seconds;
      expect(preStopS).toBeGreaterThan(0);
      expect(pod().terminationGracePeriodSeconds).toBeGreaterThan(
        preStopS + config().shutdownGraceS,
      );
    });

    it('keeps idle connections longer than the ingress controller (60 s)', () => {
      expect(config().keepAliveTimeoutS).toBeGreaterThan(60);
    });

    it('runs as non-root on a read-only filesystem, with no capabilities and no API token', () => {
      expect(pod().securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod().securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod().automountServiceAccountToken).toBe(false);
      expect(container().securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      });
    });

    it('has requests and a memory limit', () => {
      expect(container().resources.requests).toEqual({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
      expect(container().resources.limits.memory).toEqual(expect.any(String));
    });
  });

  it('shares DPoP replay detection between its replicas, and names its public https URL', () => {
    const config = loadApiConfig(only('ConfigMap')['data']);
    expect(only('Deployment')['spec'].replicas).toBeGreaterThan(1);
    // A per-instance memory store would accept a proof replayed to another replica.
    expect(config.auth.dpop.replayStore.kind).toBe('redis');
    expect(new URL(config.publicUrl).protocol).toBe('https:');
  });

  it('shares the assistant’s limits between replicas; reads the model key from a Secret file only', () => {
    const config = loadApiConfig(only('ConfigMap')['data']);
    // Per-replica limits would let a user have one answer per replica.
    expect(config.chat.limitsStore.kind).toBe('redis');
    expect(new URL(config.chat.modelUrl ?? '').protocol).toBe('https:');
    expect(only('ConfigMap')['data']['CHAT_MODEL_API_KEY_FILE']).toBeUndefined();
    const spec = only('Deployment')['spec'].template.spec;
    const [container] = spec.containers;
    const keyFile = container.env.find(
      (entry: { name: string }) => entry.name === 'CHAT_MODEL_API_KEY_FILE',
    ).value as string;
    const mount = container.volumeMounts.find((entry: { mountPath: string }) =>
      keyFile.startsWith(`${entry.mountPath}/`),
    );
    expect(mount.readOnly).toBe(true);
    const volume = spec.volumes.find((entry: { name: string }) => entry.name === mount.name);
    expect(volume.secret).toMatchObject({ secretName: expect.any(String), defaultMode: 0o440 });
    // The API runs as a non-root user: the Secret's files must be its group's.
    expect(spec.securityContext.fsGroup).toBe(spec.securityContext.runAsGroup);
  });

  it('admits traffic only to the API and metrics ports, and lets out only DNS, HTTPS and Redis', () => {
    const policy = only('NetworkPolicy')['spec'];
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    const inPorts = policy.ingress.flatMap((rule: { ports: { port: unknown }[] }) =>
      rule.ports.map((entry) => entry.port),
    );
    expect(inPorts.sort()).toEqual(['http', 'metrics']);
    const outPorts = policy.egress.flatMap((rule: { ports: { port: unknown }[] }) =>
      rule.ports.map((entry) => entry.port),
    );
    expect([...new Set(outPorts)].sort()).toEqual([443, 53, 6380]);
  });
});
