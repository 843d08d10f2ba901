import { describe, expect, test } from 'vitest';
import { activeTracer, startTracing, tracingSettings } from '../../src/observability/tracing.ts';

const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' };

describe('tracing settings from the standard OTEL_* variables', () => {
  test('off when nothing is set: no SDK started, no tracer', async () => {
    expect(tracingSettings({})).toBeUndefined();
    expect(await startTracing({}, 'all')).toBeUndefined();
    expect(activeTracer()).toBeUndefined();
  });

  test('on with an OTLP endpoint (either form) or OTEL_TRACES_EXPORTER=otlp', () => {
    expect(tracingSettings(endpoint)).toBeDefined();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBeDefined();
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'otlp' })).toBeDefined();
  });

  test('OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none switch them off whatever else is set', () => {
    expect(tracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(tracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' })).toBeUndefined();
    expect(tracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
    expect(tracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'false' })).toBeDefined();
  });

  test('batching and sampling follow OTEL_BSP_* and OTEL_TRACES_SAMPLER(_ARG)', () => {
    expect(
      tracingSettings({
        ...endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '250',
        OTEL_BSP_MAX_QUEUE_SIZE: '4096',
        OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '256',
        OTEL_BSP_EXPORT_TIMEOUT: '5000',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      }),
    ).toEqual({
      scheduledDelayMillis: 250,
      maxQueueSize: 4096,
      maxExportBatchSize: 256,
      exportTimeoutMillis: 5000,
      sampler: { kind: 'traceidratio', parentBased: true, ratio: 0.25 },
    });
    // The spec's default sampler; a value that is no number is ignored rather than fatal.
    expect(tracingSettings({ ...endpoint, OTEL_BSP_SCHEDULE_DELAY: 'soon' })).toEqual({
      sampler: { kind: 'always_on', parentBased: true, ratio: 1 },
    });
    expect(tracingSettings({ ...endpoint, OTEL_TRACES_SAMPLER: 'always_off' })?.sampler).toEqual({
      kind: 'always_off',
      parentBased: false,
      ratio: 1,
    });
  });
});
