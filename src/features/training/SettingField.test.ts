import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_TRAIN_CONFIG, trainConfigSchema } from "../../core/train/config";
import { isNumberSetting, TRAIN_SETTINGS, type NumberSettingName } from "../../core/train/settings";
import { SettingField } from "./SettingField";

function render(name: NumberSettingName, value: number): string {
  return renderToStaticMarkup(createElement(SettingField, { name, value, onChange: () => {} }));
}

function schemaAccepts(name: NumberSettingName, value: number): boolean {
  const config = structuredClone(DEFAULT_TRAIN_CONFIG);
  if (name === "patience") config.earlyStopping.patience = value;
  else if (name === "folds") config.crossValidation = { enabled: true, folds: value };
  else config[name] = value;
  return trainConfigSchema.safeParse(config).success;
}

describe("the training form's number fields", () => {
  const names = (Object.keys(TRAIN_SETTINGS) as Array<keyof typeof TRAIN_SETTINGS>).filter(
    isNumberSetting,
  );

  it("mark a value invalid exactly when the config schema refuses it", () => {
    for (const name of names) {
      const { min, max, integer } = TRAIN_SETTINGS[name];
      const step = integer ? 1 : 1e-9;
      for (const value of [min - step, min, min + step, max - step, max, max + step, min + 0.5]) {
        const html = render(name, value);
        const invalid = html.includes('aria-invalid="true"');
        expect({ name, value, invalid }).toEqual({
          name,
          value,
          invalid: !schemaAccepts(name, value),
        });
        // A refused value says why, in an alert.
        expect(html.includes('role="alert"')).toBe(invalid);
      }
    }
  });

  it("refuse a learning rate of 0 and a batch size above 65,536, saying the bounds", () => {
    expect(render("learningRate", 0)).toContain(
      "Learning rate must be a positive number up to 10.",
    );
    expect(render("batchSize", 65537)).toContain(
      "Batch size must be a whole number from 1 to 65536.",
    );
    expect(render("seed", 2 ** 31)).toContain('max="2147483647"');
    expect(render("patience", 20)).toContain('max="1000"');
  });
});
