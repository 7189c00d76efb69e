/**
 * Whether the text report is coloured. `FORCE_COLOR` (set, not empty, not `0`)
 * turns colour on where no terminal is seen (CI logs render ANSI); `FORCE_COLOR=0`
 * turns it off; otherwise colour needs a terminal and no `NO_COLOR`. A report
 * written to a file is never coloured: it is read later, by anything.
 */
export interface ColorInput {
  format: string;
  output?: string;
  stdoutIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export function useColor(input: ColorInput): boolean {
  if (input.format !== 'text' || input.output !== undefined) return false;
  const force = input.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (input.env.NO_COLOR) return false;
  return input.stdoutIsTTY;
}
