import { context, propagation, type Tracer, trace } from '@opentelemetry/api';

/**
 * OpenTelemetry traces, configured only through the standard `OTEL_*` variables. With none of them set, no SDK
 * is loaded and `activeTracer()` stays undefined, so every instrumented path takes its plain branch.
 */

const tracerName = 'nudge';
let tracer: Tracer | undefined;

/** The tracer while traces are exported; undefined when they are off (the default). */
export function activeTracer(): Tracer | undefined {
  return tracer;
}

export interface TracingSettings {
  scheduledDelayMillis?: number;
  maxQueueSize?: number;
  maxExportBatchSize?: number;
  exportTimeoutMillis?: number;
  sampler: { kind: 'always_on' | 'always_off' | 'traceidratio'; parentBased: boolean; ratio: number };
}

type Env = Record<string, string | undefined>;

function positiveNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

/**
 * Whether traces are on, and how. On only when an OTLP endpoint is given (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) or `OTEL_TRACES_EXPORTER=otlp`; `OTEL_SDK_DISABLED=true` or
 * `OTEL_TRACES_EXPORTER=none` turn them off whatever else is set.
 */
export function tracingSettings(env: Env): TracingSettings | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (exporters.includes('none')) return undefined;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint && !exporters.includes('otlp')) return undefined;

  const samplerName = (env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on').trim().toLowerCase();
  const parentBased = samplerName.startsWith('parentbased_');
  const base = parentBased ? samplerName.slice('parentbased_'.length) : samplerName;
  const kind = base === 'always_off' || base === 'traceidratio' ? base : 'always_on';
  const ratio = Math.min(1, positiveNumber(env.OTEL_TRACES_SAMPLER_ARG) ?? 1);

  const settings: TracingSettings = { sampler: { kind, parentBased, ratio } };
  const delay = positiveNumber(env.OTEL_BSP_SCHEDULE_DELAY);
  if (delay !== undefined) settings.scheduledDelayMillis = delay;
  const queue = positiveNumber(env.OTEL_BSP_MAX_QUEUE_SIZE);
  if (queue !== undefined) settings.maxQueueSize = queue;
  const batch = positiveNumber(env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE);
  if (batch !== undefined) settings.maxExportBatchSize = batch;
  const timeout = positiveNumber(env.OTEL_BSP_EXPORT_TIMEOUT);
  if (timeout !== undefined) settings.exportTimeoutMillis = timeout;
  return settings;
}

export interface Tracing {
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

/**
 * Starts the SDK when the environment asks for traces (OTLP over HTTP with JSON bodies, which every collector
 * accepts on 4318). The SDK is imported here, lazily, so a process without traces never loads it.
 */
export async function startTracing(env: Env, role: string): Promise<Tracing | undefined> {
  const settings = tracingSettings(env);
  if (!settings) return undefined;
  const [sdk, { OTLPTraceExporter }, resources, { W3CTraceContextPropagator }, { AsyncLocalStorageContextManager }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/core'),
      import('@opentelemetry/context-async-hooks'),
    ]);
  const { sampler: wanted, ...batching } = settings;
  const root =
    wanted.kind === 'always_off'
      ? new sdk.AlwaysOffSampler()
      : wanted.kind === 'traceidratio'
        ? new sdk.TraceIdRatioBasedSampler(wanted.ratio)
        : new sdk.AlwaysOnSampler();
  const sampler = wanted.parentBased ? new sdk.ParentBasedSampler({ root }) : root;
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (read by the env detector) win over these defaults.
  const resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ 'service.name': 'nudge', 'nudge.role': role }))
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new sdk.TracerProvider({
    resource,
    sampler,
    spanProcessors: [new sdk.BatchSpanProcessor({ exporter: new OTLPTraceExporter(), ...batching })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  tracer = provider.getTracer(tracerName);
  return {
    async shutdown() {
      tracer = undefined;
      await provider.shutdown();
    },
  };
}
