/** Progress on stderr: a single rewritten line on a terminal, nothing otherwise or with --quiet. */
export class Progress {
  private readonly live: boolean;
  private last = '';

  constructor(quiet: boolean, stream: NodeJS.WriteStream = process.stderr) {
    this.live = !quiet && stream.isTTY === true;
    this.stream = stream;
  }

  private readonly stream: NodeJS.WriteStream;

  /** Whether anything is shown: a caller may skip work done only to report progress. */
  get shown(): boolean {
    return this.live;
  }

  update(text: string): void {
    if (!this.live || text === this.last) return;
    this.last = text;
    this.stream.write(`\r\x1b[K${text}`);
  }

  done(): void {
    if (this.live && this.last) this.stream.write('\r\x1b[K');
    this.last = '';
  }
}
