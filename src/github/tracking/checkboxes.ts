/**
 * Action checkboxes of the tracking issue ("Re-scan", "Mute Pn"), each carrying a hidden
 * id: `- [ ] Re-scan ... <!-- remediation:rescan -->`. They are read back by a bounded,
 * linear scan of whole lines in the form the app writes them, outside code fences: no
 * Markdown parser runs on text a user controls, and a box quoted, indented or fenced is
 * not a tick. Only the app's own ids count. Pure.
 */
export const RESCAN_ACTION = 'rescan';
export const muteAction = (priority: number): string => `mute-${priority}`;

const KNOWN = new Set([RESCAN_ACTION, ...[1, 2, 3, 4, 5, 6, 7, 8].map(muteAction)]);
/** GitHub caps bodies at 65,536 characters; a longer text is not the app's issue. */
export const MAX_SCANNED_BODY = 70_000;
const MAX_ACTION_LINE = 300;
const ACTION_LINE = /^- \[([ xX])\] [^\n]{1,240} <!-- remediation:([a-z0-9-]{1,20}) -->$/;

export function actionCheckbox(id: string, label: string, checked = false): string {
  return `- [${checked ? 'x' : ' '}] ${label} <!-- remediation:${id} -->`;
}

/** Ids of the action checkboxes ticked in a body. */
export function tickedActions(body: string | null | undefined): Set<string> {
  const ticked = new Set<string>();
  const text = body ?? '';
  if (text.length > MAX_SCANNED_BODY) return ticked;
  let fenced = false;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('```') || line.startsWith('~~~')) fenced = !fenced;
    if (fenced || line.length > MAX_ACTION_LINE || !line.startsWith('- [')) continue;
    const match = ACTION_LINE.exec(line);
    if (match && match[1] !== ' ' && KNOWN.has(match[2])) ticked.add(match[2]);
  }
  return ticked;
}

export interface RequestedActions {
  rescan: boolean;
  /** Priorities whose mute box is ticked: their muted state is toggled. */
  toggleMute: number[];
}

/** What a user asked for: boxes ticked in `body` that were not ticked in `before`. */
export function requestedActions(body: string | null | undefined, before?: string | null): RequestedActions {
  const earlier = before === undefined ? new Set<string>() : tickedActions(before);
  const ticked = new Set([...tickedActions(body)].filter((id) => !earlier.has(id)));
  const toggleMute = [1, 2, 3, 4, 5, 6, 7, 8].filter((p) => ticked.has(muteAction(p)));
  return { rescan: ticked.has(RESCAN_ACTION), toggleMute };
}

export function hasRequests(actions: RequestedActions): boolean {
  return actions.rescan || actions.toggleMute.length > 0;
}

/** Ticks, in a freshly rendered body, the boxes a user ticked meanwhile, so no click is lost. */
export function keepTicked(body: string, ticked: Set<string>): string {
  if (ticked.size === 0) return body;
  return body
    .split('\n')
    .map((line) => {
      const match = ACTION_LINE.exec(line);
      return match && match[1] === ' ' && ticked.has(match[2]) ? `- [x]${line.slice(5)}` : line;
    })
    .join('\n');
}
