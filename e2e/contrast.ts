import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * The colour-contrast check of axe-core on the whole page; prints and returns what fails. The run
 * bar is unstuck first: text it covers at the moment of the check would only be "incomplete".
 */
export async function contrastViolations(page: Page) {
  await page.addStyleTag({ content: ".run-bar { position: static !important; }" });
  const result = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
  const failures = result.violations.flatMap((v) =>
    v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
  );
  const undecided = result.incomplete.reduce((sum, v) => sum + v.nodes.length, 0);
  console.log(
    `axe color-contrast: ${result.passes[0]?.nodes.length ?? 0} elements pass, ${failures.length} fail, ${undecided} undecided (svg ticks, canvas nodes)`,
  );
  return failures;
}
