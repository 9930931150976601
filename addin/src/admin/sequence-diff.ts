// One alignment of two token lists (lines for the history diff, words for the preview marks), so the
// two diffs share the longest-common-subsequence table instead of each keeping a copy of it.

export type Step = { op: "same"; i: number; j: number } | { op: "remove"; i: number } | { op: "add"; j: number };

/** Aligns a with b by longest common subsequence, common ends first (most edits touch a little in the
 * middle). When the middle would need more than maxCells table cells: null, or with replaceWhenLarge the
 * whole middle removed and then added, keeping the common ends. */
export function align(a: readonly string[], b: readonly string[], maxCells: number, replaceWhenLarge = false): Step[] | null {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n * m > maxCells && !replaceWhenLarge) return null;

  const steps: Step[] = [];
  for (let k = 0; k < start; k++) steps.push({ op: "same", i: k, j: k });
  if (n * m > maxCells) {
    for (let i = start; i < endA; i++) steps.push({ op: "remove", i });
    for (let j = start; j < endB; j++) steps.push({ op: "add", j });
    for (let k = 0; k < a.length - endA; k++) steps.push({ op: "same", i: endA + k, j: endB + k });
    return steps;
  }
  // lcs[i][j] = length of the LCS of a[start+i..endA) and b[start+j..endB).
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      steps.push({ op: "same", i: start + i, j: start + j });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
      steps.push({ op: "add", j: start + j });
      j++;
    } else {
      steps.push({ op: "remove", i: start + i });
      i++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) steps.push({ op: "same", i: endA + k, j: endB + k });
  return steps;
}
