// Writes a large synthetic table for bench/responsiveness.mjs: 15 numeric columns, one
// categorical, and a numeric target. Usage: node bench/make-big-csv.mjs out.csv [rows=480000]
import { createWriteStream } from "node:fs";

const [out = "big.csv", rowsText = "480000"] = process.argv.slice(2);
const rows = Number(rowsText);
let state = 42;
const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const stream = createWriteStream(out);
stream.write([...Array.from({ length: 15 }, (_, i) => `f${i}`), "cat", "y"].join(",") + "\n");
for (let r = 0; r < rows; r++) {
  const values = Array.from({ length: 15 }, () => (random() * 2 - 1).toFixed(6));
  const line = [...values, "abcde"[Math.floor(random() * 5)], (random() * 100).toFixed(4)].join(
    ",",
  );
  if (!stream.write(line + "\n")) await new Promise((resolve) => stream.once("drain", resolve));
}
stream.end();
console.log(`Wrote ${rows} rows to ${out}`);
