/**
 * npm run bench:insights — the insights benchmarks, one after the other (numbers in docs/benchmarks.md).
 */
import { runComputeBench } from './compute.ts';
import { runPageBench } from './page.ts';
import { runRecapPngBench } from './recap-png.ts';

runRecapPngBench();
await runPageBench();
await runComputeBench();
