import { describeSmallClass } from "../../core/data/classBalance";
import { useStudio } from "../../store";
import { selectPlan } from "../../store/selectors";

/** Warns, next to the target, about classes too small to appear in every split. */
export function SmallClassWarning() {
  const plan = useStudio(selectPlan);
  const target = useStudio((s) => s.target);
  const task = useStudio((s) => s.task);
  const small = plan?.ok && task === "classification" ? plan.plan.smallClasses : [];
  if (small.length === 0 || !target) return null;
  return (
    <div className="warning" role="status">
      <p>
        {small.length === 1 ? "A class is" : `${small.length} classes are`} too small for the
        training, validation and test splits:
      </p>
      <ul>
        {small.map((entry) => (
          <li key={entry.className} data-class={entry.className}>
            {describeSmallClass(entry, target)}
          </li>
        ))}
      </ul>
    </div>
  );
}
