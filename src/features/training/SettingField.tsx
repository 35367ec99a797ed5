import {
  settingValueProblem,
  TRAIN_SETTINGS,
  type NumberSettingName,
} from "../../core/train/settings";
import { NumberField } from "../../ui/NumberField";

/**
 * One number setting as the table declares it (core/train/settings.ts): its label, help, bounds,
 * and the schema's own message when a value is out of them.
 */
export function SettingField(props: {
  name: NumberSettingName;
  value: number;
  onChange: (value: number) => void;
  testId?: string;
  disabled?: boolean;
}) {
  const setting = TRAIN_SETTINGS[props.name];
  return (
    <NumberField
      label={setting.label}
      help={setting.help}
      testId={props.testId}
      value={props.value}
      integer={setting.integer}
      min={setting.min}
      max={setting.max}
      disabled={props.disabled}
      problemOf={(value) => settingValueProblem(props.name, value)}
      onChange={props.onChange}
    />
  );
}
