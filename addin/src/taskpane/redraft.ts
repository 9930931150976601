// Words about a re-draft: what change is waiting for the account manager's answer, and why a re-draft
// failed, with field names as their labels (the API's validation keys are ids such as
// "fields.averageDaysToPay"). Pure functions.
import { errorLines } from "../shared/labels";
import { ApiProblemError } from "./api";
import type { Selections } from "./state";

const CHANGE_WORDS: [keyof Selections, string][] = [
  ["category", "Changing the kind of ask"],
  ["audience", "Changing who reads it"],
  ["fields", "Changing a figure"],
  ["reason", "Changing their reason"],
  ["alternatives", "Changing the alternatives"],
  ["also", "Changing the other asks to answer"],
  ["theyAreRightAbout", "Changing what they are right about"],
  ["stance", "Changing the stance"],
  ["askSentence", "Pointing to the sentence that asks"],
];

/** "Changing the audience" for the first kind of change the patch holds. */
export function changeWords(patch: Partial<Selections>): string {
  return CHANGE_WORDS.find(([key]) => key in patch)?.[1] ?? "This change";
}

/**
 * Why a re-draft failed, in words: a validation problem lists each field by its label and its message
 * with ids put in words; anything else says what `fallback` says (the pane's plain words for the error).
 */
export function redraftFailure(
  error: unknown,
  fallback: string,
  labelOf: (name: string) => string | undefined,
  words: ReadonlyMap<string, string>,
): string {
  if (error instanceof ApiProblemError && error.problem?.errors && Object.keys(error.problem.errors).length > 0) {
    return errorLines(error.problem.errors, labelOf, words).join(" ");
  }
  return fallback;
}
