/** Runs the real engine on in-memory files for tests. */
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { EngineOptions } from '../../src/engine/api-types.js';
import type { Finding } from '../../src/model/types.js';

let engine: Promise<Engine> | undefined;

export function getEngine(): Promise<Engine> {
  engine ??= createEngine();
  return engine;
}

export type Files = Record<string, string | Uint8Array>;

export function toInputs(files: Files) {
  return Object.entries(files).map(([path, content]) => ({ path, content }));
}

export async function scanFiles(files: Files, options?: EngineOptions): Promise<Finding[]> {
  return (await getEngine()).scan(toInputs(files), options).findings;
}

/** Findings of one rule (by id or name), as `line` numbers, for terse assertions. */
export async function linesOf(rule: string, files: Files, options?: EngineOptions): Promise<number[]> {
  const findings = await scanFiles(files, options);
  return findings.filter((f) => (f.rule === rule || f.name === rule) && !f.suppressed).map((f) => f.line);
}

/** A Databricks source notebook from cells (each cell a string). */
export function notebook(...cells: string[]): string {
  return `# Databricks notebook source\n${cells.map((c) => c.replace(/^\n/, '')).join('\n\n# COMMAND ----------\n\n')}\n`;
}
