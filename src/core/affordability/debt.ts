/**
 * Debt-ratio dynamics, pure arithmetic on arrays indexed by year (index 0: the base year).
 *
 * The ratio follows d(t) = d(t−1)·(1+i(t))/(1+g(t)) + deficit(t) − …, so the debt a path adds on top of a
 * baseline, x = d_path − d_baseline, follows the same recursion with the extra deficit alone:
 * x(t) = x(t−1)·(1+i(t))/(1+g(t)) + s(t), where s is the extra spending borrowed (percent of GDP). With
 * s = 0 everywhere x stays exactly 0, so the baseline is left exactly as the IMF gives it.
 */
export interface ExtraDebt {
  /** Debt added by the path, percent of GDP, at the end of each year. */
  extraDebtPct: Float64Array;
  /** The interest on that added debt in each year, percent of the year's GDP. */
  addedInterestPct: Float64Array;
  /** Extra spending plus added interest: the deficit the path adds, percent of GDP. */
  extraDeficitPct: Float64Array;
}

/**
 * `borrowedPct[k]`: extra spending borrowed in year k (percent of GDP); `interest[k]`, `growth[k]`:
 * the effective interest rate and nominal GDP growth of year k as fractions. Index 0 is the base year,
 * where nothing is added yet.
 */
export function extraDebtPath(borrowedPct: ArrayLike<number>, interest: ArrayLike<number>, growth: ArrayLike<number>): ExtraDebt {
  const n = borrowedPct.length;
  const extraDebtPct = new Float64Array(n);
  const addedInterestPct = new Float64Array(n);
  const extraDeficitPct = new Float64Array(n);
  extraDebtPct[0] = borrowedPct[0] as number;
  extraDeficitPct[0] = borrowedPct[0] as number;
  for (let k = 1; k < n; k++) {
    const before = extraDebtPct[k - 1] as number;
    const g = growth[k] as number;
    // Interest is paid on last year's debt; as a share of this year's GDP it is divided by (1 + g).
    const interestPct = (before * (interest[k] as number)) / (1 + g);
    addedInterestPct[k] = interestPct;
    extraDeficitPct[k] = (borrowedPct[k] as number) + interestPct;
    extraDebtPct[k] = before / (1 + g) + interestPct + (borrowedPct[k] as number);
  }
  return { extraDebtPct, addedInterestPct, extraDeficitPct };
}

/**
 * A baseline debt ratio beyond the IMF's horizon: from the last known ratio, with the primary balance
 * (percent of GDP, surplus positive) held: d(t) = d(t−1)·(1+i)/(1+g) − pb.
 */
export function projectBaselineDebt(lastPct: number, interest: number, growth: number, primaryBalancePct: number): number {
  return (lastPct * (1 + interest)) / (1 + growth) - primaryBalancePct;
}
