/**
 * A progress bar on stderr (stdout stays for results): redrawn in place on a terminal, a line
 * per tenth otherwise (logs, CI).
 */
const WIDTH = 30;

export function progressBar(label: string): {
  update(done: number, total: number): void;
  end(): void;
} {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  let lastDraw = 0;
  const started = Date.now();
  const line = (done: number, total: number) => {
    const share = total > 0 ? Math.min(done / total, 1) : 1;
    const filled = Math.round(share * WIDTH);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `${label.padEnd(15)} [${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${done.toLocaleString("en")}/${total.toLocaleString("en")} entries  ${seconds} s`;
  };
  return {
    update(done, total) {
      if (tty) {
        if (Date.now() - lastDraw < 100 && done < total) return;
        lastDraw = Date.now();
        process.stderr.write(`\r${line(done, total)}`);
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      process.stderr.write(`${line(done, total)}\n`);
    },
    end() {
      if (tty) process.stderr.write("\n");
    },
  };
}
