/** A hypothesis test's outcome: its statistic and the p-value of the null hypothesis "no drift". */
export interface StatisticalTestResult {
  readonly statistic: number;
  readonly p_value: number;
}
