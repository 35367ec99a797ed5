import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, policyLine, RESPONSE_HEADERS } from "./security";

describe("response headers", () => {
  it("writes a policy as browsers read it: kebab-case directives, sources by spaces, ';' between", () => {
    expect(
      policyLine({
        defaultSrc: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", "data:"],
      }),
    ).toBe("default-src 'self';frame-ancestors 'none';img-src 'self' data:");
  });

  it("carries every directive of the studio's policy, and the isolation headers in lower case", () => {
    const line = RESPONSE_HEADERS["content-security-policy"] ?? "";
    expect(line.split(";")).toHaveLength(Object.keys(CONTENT_SECURITY_POLICY).length);
    expect(line).toContain("worker-src 'self' blob:");
    expect(RESPONSE_HEADERS["cross-origin-resource-policy"]).toBe("same-origin");
    for (const name of Object.keys(RESPONSE_HEADERS)) expect(name).toBe(name.toLowerCase());
  });
});
