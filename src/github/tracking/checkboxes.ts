/**
 * Action checkboxes of the tracking issue, read back with `marked`'s lexer (not regexes
 * over the raw text, so a quoted or code-fenced "- [x]" is not mistaken for a tick).
 * Each action item carries a hidden id: `- [ ] Re-scan ... <!-- remediation:rescan -->`.
 */
import { marked, type Token, type Tokens } from 'marked';

export const RESCAN_ACTION = 'rescan';
export const muteAction = (priority: number): string => `mute-${priority}`;
const ACTION_ID = /<!-- remediation:([a-z0-9-]+) -->/;

export function actionCheckbox(id: string, label: string, checked = false): string {
  return `- [${checked ? 'x' : ' '}] ${label} <!-- remediation:${id} -->`;
}

/** Ids of the action checkboxes ticked in a body. */
export function tickedActions(body: string): Set<string> {
  const ticked = new Set<string>();
  const visit = (tokens: Token[] | undefined): void => {
    for (const token of tokens ?? []) {
      if (token.type === 'list') {
        for (const listItem of (token as Tokens.List).items) {
          const id = ACTION_ID.exec(listItem.text)?.[1];
          if (listItem.task && listItem.checked && id) ticked.add(id);
          visit(listItem.tokens);
        }
      } else if ('tokens' in token && Array.isArray(token.tokens)) visit(token.tokens);
    }
  };
  visit(marked.lexer(body));
  return ticked;
}

export interface RequestedActions {
  rescan: boolean;
  /** Priorities whose mute box is ticked: their muted state is toggled. */
  toggleMute: number[];
}

export function requestedActions(body: string): RequestedActions {
  const ticked = tickedActions(body);
  const toggleMute = [1, 2, 3, 4, 5, 6, 7, 8].filter((p) => ticked.has(muteAction(p)));
  return { rescan: ticked.has(RESCAN_ACTION), toggleMute };
}

/** Ticks, in a freshly rendered body, the boxes a user ticked meanwhile, so no click is lost. */
export function keepTicked(body: string, ticked: Set<string>): string {
  if (ticked.size === 0) return body;
  return body.replace(/^- \[ \] (.*<!-- remediation:([a-z0-9-]+) -->)$/gm, (line, rest: string, id: string) => (ticked.has(id) ? `- [x] ${rest}` : line));
}
