// -w output: on a terminal, redraw the table in place; piped, print each version after a blank line
// so a script reading the stream sees whole tables.
export function printer(out: NodeJS.WriteStream): (text: string) => void {
  let first = true;
  return (text) => {
    if (out.isTTY) out.write('\x1b[H\x1b[2J' + text);
    else out.write((first ? '' : '\n') + text);
    first = false;
  };
}
