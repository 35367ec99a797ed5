/**
 * Which test pictures to show in the report: the model's mistakes (most confident first, the ones
 * worth looking at), or the pictures of one confusion-matrix cell.
 */

export interface ImageExample {
  /** Position in the test split. */
  testIndex: number;
  actual: number;
  predicted: number;
  /** The probability the model gave its predicted class (0–1). */
  confidence: number;
}

/**
 * Test examples whose actual and predicted classes match `cell` (or every mistake when cell is
 * null), most confident first, at most `limit`. `probabilities` is row-major [rows, classCount].
 */
export function imageExamples(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classCount: number,
  cell: { actual: number; predicted: number } | null,
  limit = 48,
): ImageExample[] {
  const examples: ImageExample[] = [];
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const p = predicted[i] as number;
    const wanted = cell ? a === cell.actual && p === cell.predicted : a !== p;
    if (wanted) {
      examples.push({
        testIndex: i,
        actual: a,
        predicted: p,
        confidence: (probabilities[i * classCount + p] as number) ?? 0,
      });
    }
  }
  return examples.sort((x, y) => y.confidence - x.confidence).slice(0, limit);
}
