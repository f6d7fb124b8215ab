// The benches' command-line flags, all of the form --name=value.

/** the text after `--name=`, or undefined when the flag is not given */
export const flag = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** `--name=N` as a number, else `fallback` */
export const numberFlag = (name: string, fallback: number): number => Number(flag(name) ?? fallback);
