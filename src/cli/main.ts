export async function runMain(argv: string[]): Promise<void> {
  process.stdout.write(`push: not yet wired (${argv.join(" ")})\n`);
}
