/**
 * Lakeflow (DLT) pipeline definitions read into a typed model that keeps positions:
 * - bundles: `resources.pipelines.<key>` at the root, with `targets.<t>.resources.pipelines.<key>`
 *   overrides of the same file; https://docs.databricks.com/aws/en/dev-tools/bundles/resources#pipelines
 * - Pipelines API JSON: the create/edit payload (`{name, libraries, clusters, configuration, ...}`) or a
 *   GET answer wrapping it in `spec`; https://docs.databricks.com/aws/en/ldp/properties
 * The pipeline's `configuration` is added to the Spark conf of its clusters, so it and
 * `clusters[].spark_conf` are what a job cluster's `spark_conf` is to a job.
 */
import { bool, entries, get, isObject, items, str, text } from './pos-helpers.js';
import { pipelineRunsOf } from './job-runs.js';
import type { PipelineDef, PipelineLibrary, PosNode } from './types.js';

const LIBRARY_KINDS = ['notebook', 'file', 'glob'] as const;

/** Keys only a pipeline spec has (a job has `tasks`; a Jobs API 2.0 job may have `libraries` of jars and wheels). */
const PIPELINE_KEYS = ['clusters', 'development', 'continuous', 'channel', 'edition', 'catalog', 'target', 'schema', 'serverless', 'photon', 'configuration', 'storage'];

function sourceLibraries(node: PosNode | undefined): PosNode[] {
  return items(get(node, 'libraries')).filter((lib) => LIBRARY_KINDS.some((kind) => get(lib, kind) !== undefined));
}

/** A pipeline spec: source libraries (notebooks, files, globs), or pipeline keys and no tasks. */
export function isPipelineObject(node: PosNode | undefined): boolean {
  if (!isObject(node) || get(node, 'tasks') || get(node, 'new_cluster')) return false;
  if (sourceLibraries(node).length > 0) return true;
  return get(node, 'libraries')?.type === 'array' && PIPELINE_KEYS.some((key) => node.entries.has(key));
}

/** The spec of a JSON document: the object itself, or the `spec` of a GET answer. */
function jsonSpec(root: PosNode | undefined): PosNode | undefined {
  const spec = get(root, 'spec');
  if (isPipelineObject(spec)) return spec;
  return isPipelineObject(root) ? root : undefined;
}

export function isPipelineJson(root: PosNode | undefined): boolean {
  return jsonSpec(root) !== undefined;
}

function librariesOf(node: PosNode): PipelineLibrary[] {
  const out: PipelineLibrary[] = [];
  for (const lib of sourceLibraries(node)) {
    for (const kind of LIBRARY_KINDS) {
      const entry = get(lib, kind);
      const path = kind === 'glob' ? str(get(entry, 'include')) : str(get(entry, 'path'));
      if (path && entry) out.push({ kind, path, node: entry });
    }
  }
  return out;
}

/** `configuration`, then `spark_conf` of the default cluster (label `default`, or unlabelled), each layer in order. */
function sparkConfOf(layers: PosNode[]): Map<string, string> {
  const conf = new Map<string, string>();
  const add = (node: PosNode | undefined): void => {
    for (const [key, value] of entries(node)) {
      const v = text(value);
      if (v !== undefined && !conf.has(key)) conf.set(key, v);
    }
  };
  for (const layer of layers) {
    add(get(layer, 'configuration'));
    for (const cluster of items(get(layer, 'clusters'))) {
      const label = str(get(cluster, 'label'));
      if (label === undefined || label === 'default' || label === 'updates') add(get(cluster, 'spark_conf'));
    }
  }
  return conf;
}

/** Development mode when some layer says so and none says otherwise. */
function isDevelopment(layers: PosNode[]): boolean {
  const said = layers.map((layer) => bool(get(layer, 'development'))).filter((v): v is boolean => v !== undefined);
  return said.length > 0 && said.every((v) => v);
}

function firstString(layers: PosNode[], key: string): string | undefined {
  for (const layer of layers) {
    const value = str(get(layer, key));
    if (value !== undefined) return value;
  }
  return undefined;
}

export function pipelineFrom(node: PosNode, fallbackName: string, key?: string, overrides: PosNode[] = []): PipelineDef {
  const layers = [node, ...overrides];
  const pipeline: PipelineDef = {
    name: str(get(node, 'name')) ?? fallbackName,
    node,
    span: node.span,
    continuous: layers.some((layer) => bool(get(layer, 'continuous')) === true),
    development: isDevelopment(layers),
    serverless: layers.some((layer) => bool(get(layer, 'serverless')) === true),
    sparkConf: sparkConfOf(layers),
    clusters: layers.flatMap((layer) => items(get(layer, 'clusters'))),
    libraries: librariesOf(node),
    runs: pipelineRunsOf(layers),
  };
  if (key) pipeline.key = key;
  if (overrides.length > 0) pipeline.overrides = overrides;
  const catalog = firstString(layers, 'catalog');
  const schema = firstString(layers, 'schema') ?? firstString(layers, 'target');
  const channel = firstString(layers, 'channel');
  if (catalog) pipeline.catalog = catalog;
  if (schema) pipeline.schema = schema;
  if (channel) pipeline.channel = channel;
  return pipeline;
}

export function jsonPipelines(root: PosNode | undefined, fallbackName: string): PipelineDef[] {
  const spec = jsonSpec(root);
  return spec ? [pipelineFrom(spec, fallbackName)] : [];
}

/** A target block is a pipeline of its own (not an override) when it names itself or lists sources. */
function looksComplete(node: PosNode): boolean {
  return str(get(node, 'name')) !== undefined || sourceLibraries(node).length > 0;
}

export function bundlePipelines(root: PosNode | undefined): PipelineDef[] {
  if (!isObject(root)) return [];
  const targets = entries(get(root, 'targets'));
  const overrides = new Map<string, PosNode[]>();
  const ownOfTargets: [string, PosNode][] = [];
  const defined = new Set(entries(get(root, 'resources', 'pipelines')).map(([key]) => key));
  for (const [, target] of targets) {
    for (const [key, node] of entries(get(target, 'resources', 'pipelines'))) {
      if (!isObject(node)) continue;
      if (defined.has(key)) overrides.set(key, [...(overrides.get(key) ?? []), node]);
      // An override of a pipeline defined in another file of the bundle is not a pipeline on its own.
      else if (looksComplete(node)) ownOfTargets.push([key, node]);
    }
  }
  const pipelines: PipelineDef[] = [];
  for (const [key, node] of entries(get(root, 'resources', 'pipelines'))) {
    if (isObject(node)) pipelines.push(pipelineFrom(node, key, key, overrides.get(key)));
  }
  for (const [key, node] of ownOfTargets) pipelines.push(pipelineFrom(node, key, key));
  return pipelines;
}
