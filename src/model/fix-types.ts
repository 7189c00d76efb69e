/**
 * Fixes as data: what a rule proposes to write instead, as edits of the file's text. Edits are
 * offsets into the model's text (BOM removed, newlines LF), the text the rule saw; applying
 * them is src/engine/apply-fixes.ts, writing them to disk is the CLI's (src/local).
 */

/**
 * `safe`: behaviour-preserving, or the rule's documented remedy with no choice left;
 * `needs-review`: the edit holds a value the team must confirm (a batch cap, a retry count, tags).
 */
export type FixSafety = 'safe' | 'needs-review';

export interface FileEdit {
  path: string;
  /** 0-based offsets into the file's text, `end` exclusive; `start === end` inserts. */
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  safety: FixSafety;
  /** One line: what the edits do. */
  description: string;
  edits: FileEdit[];
  /** The edits as a unified diff of the lines they touch, when the engine was asked for it (`fixPreviews`). */
  preview?: string;
}

/** Values a needs-review fix writes, from the config's `fixes:` block. */
export interface FixSettings {
  /** Reader options and job settings by name (`maxOffsetsPerTrigger`, `max_retries`). */
  defaults: Record<string, string | number>;
  /** The `custom_tags` a job cluster gets. */
  tags: Record<string, string>;
}

/**
 * The rule docs' own values: the caps of the P4 examples, the retry policy of P604's fix, and a
 * tag that says it must be filled in.
 */
export const DEFAULT_FIX_SETTINGS: FixSettings = {
  defaults: {
    maxOffsetsPerTrigger: 10000,
    maxEventsPerTrigger: 10000,
    'cloudFiles.maxFilesPerTrigger': 500,
    maxBytesPerTrigger: '1g',
    max_retries: 3,
    min_retry_interval_millis: 60000,
  },
  tags: { team: 'TODO' },
};

/** The configured value of a setting, else the default one. */
export function fixValue(settings: FixSettings | undefined, key: string): string | number {
  return settings?.defaults[key] ?? DEFAULT_FIX_SETTINGS.defaults[key];
}
