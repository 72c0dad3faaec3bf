/**
 * The problems to report, bounded: a policy with thousands of wrong names gives the first
 * `PROBLEMS_SHOWN_MAX` problems and one line that counts the others. The words of a
 * problem are built only when it is listed, so the cost of the others is a count.
 */
import { moreProblems, type SettingsProblem } from "./problems.js";

export const PROBLEMS_SHOWN_MAX = 50;

export class ProblemList {
  private readonly listed: SettingsProblem[] = [];
  private omitted = 0;
  private omittedLayer: SettingsProblem["layer"] = "user";

  constructor(private readonly max = PROBLEMS_SHOWN_MAX) {}

  /** Adds a problem; `make` runs only when the problem is listed. */
  add(layer: SettingsProblem["layer"], make: () => SettingsProblem): void {
    if (this.listed.length < this.max) {
      this.listed.push(make());
      return;
    }
    this.omitted++;
    if (layer === "policy") this.omittedLayer = "policy";
  }

  /** Problems already made elsewhere (the stored settings' migration). */
  addAll(problems: readonly SettingsProblem[]): void {
    for (const problem of problems) this.add(problem.layer, () => problem);
  }

  /** The listed problems, then the line that counts the others when there are any. */
  toArray(): SettingsProblem[] {
    return this.omitted === 0 ? [...this.listed] : [...this.listed, moreProblems(this.omitted, this.omittedLayer)];
  }
}
