import { describe, expect, it } from "vitest";
import { messageOf } from "./errors";

describe("messageOf", () => {
  it("gives an Error's message, not its name or stack", () => {
    expect(messageOf(new TypeError("bad shape"))).toBe("bad shape");
    expect(messageOf(new DOMException("quota exceeded", "QuotaExceededError"))).toBe(
      "quota exceeded",
    );
  });

  it("gives anything else thrown as text", () => {
    expect(messageOf("plain words")).toBe("plain words");
    expect(messageOf(42)).toBe("42");
    expect(messageOf(undefined)).toBe("undefined");
    expect(messageOf({ toString: () => "an object" })).toBe("an object");
  });
});
