"""An expert numpy implementation of Pledge's forecast engine (src/core/simulation.ts), the baseline of
bench/forecast.bench.ts. Same models, same sizes, same outputs:

  path:        z_k = se*eta_k - sg*eps_k (log factor of the share), w_k = X_k + z_k (log factor of spending),
               X_k = eps_1 + ... + eps_k scaled by sg
  trajectory:  z_k = sum_{j<=k} step_j * nu_j (a random walk in the log share), w_k = z_k + X_k

per ally and year the 5/25/50/75/95th percentiles of share and spending (numpy's linear interpolation),
the probability of being at or above the target in the target year and by it, and the percentiles of the
alliance's summed spending. Written as an expert would: one draw call per ally, in-place arithmetic,
percentiles from np.partition of only the needed order statistics, share percentiles read from the log
factor (exp of two order statistics, not of every path). The random numbers differ (PCG64), so results
agree statistically, not bit for bit. The model runs `repeat` times (default 3) and the median time is
reported, as the engine's warm runs are. Usage: forecast_numpy.py spec.json float64|float32 [repeat];
prints JSON.
"""
import json
import sys
import time

import numpy as np

PS = np.array([5, 25, 50, 75, 95], dtype=np.float64)


def order_stats(n):
    """Indices (lo, hi) and weights of numpy's linear percentiles for n values."""
    pos = PS / 100 * (n - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, n - 1)
    return lo, hi, pos - lo, np.unique(np.concatenate([lo, hi]))


def percentiles_of_exp(logs, scale, lo, hi, frac, kth):
    """Percentiles of scale[k] * exp(logs[k, :]) from the log values: partition in place, exp two order statistics, interpolate."""
    logs.partition(kth, axis=1)
    a = np.exp(logs[:, lo])
    b = np.exp(logs[:, hi])
    return scale[:, None] * (a + (b - a) * frac)


def run(spec, dtype):
    n = spec["paths"]
    rng = np.random.default_rng(spec["seed"])
    lo, hi, frac, kth = order_stats(n)
    t0 = time.perf_counter()
    medians = {}
    p_in = {}
    p_by = {}
    alliance = None
    for ally in spec["allies"]:
        s = np.asarray(ally["share"][1:], dtype=dtype)
        u = np.asarray(ally["spending"][1:], dtype=dtype)
        years = s.shape[0]
        draws = rng.standard_normal((2, years, n), dtype=dtype)
        eps, other = draws[0], draws[1]
        eps *= dtype(ally["gdpSigma"])
        if spec["model"] == "trajectory":
            other *= np.asarray(ally["step"][1:], dtype=dtype)[:, None]
            np.cumsum(other, axis=0, out=other)  # z: the share's random walk
            z = other
            np.cumsum(eps, axis=0, out=eps)
            eps += z  # w = X_k + z_k
        else:
            other *= dtype(ally["executionSigma"])
            other -= eps  # z = se*eta - sg*eps
            z = other
            np.cumsum(eps, axis=0, out=eps)
            eps += z  # w = X_k + z_k
        w = eps
        ti = ally["targetIndex"] - 1
        # In log space: share >= target - 0.005 (NATO's two decimals) <=> z >= log((target - 0.005) / s).
        zt = np.log((ally["target"] - 0.005) / s[: ti + 1].astype(np.float64)).astype(dtype)
        p_in[ally["ally"]] = float(np.count_nonzero(z[ti] >= zt[ti]) / n)
        p_by[ally["ally"]] = 1.0 if ally["share"][0] >= ally["target"] else float(np.count_nonzero((z[: ti + 1] >= zt[:, None]).any(axis=0)) / n)
        spending = np.exp(w)
        spending *= u[:, None]
        if alliance is None:
            alliance = spending
        else:
            alliance += spending
        q_share = percentiles_of_exp(z, s, lo, hi, frac, kth)
        percentiles_of_exp(w, u, lo, hi, frac, kth)
        medians[ally["ally"]] = float(q_share[-1, 2])
    alliance.partition(kth, axis=1)
    _ = alliance[:, lo] + (alliance[:, hi] - alliance[:, lo]) * frac
    seconds = time.perf_counter() - t0
    return seconds, medians, p_in, p_by


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    dtype = np.float32 if sys.argv[2] == "float32" else np.float64
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    runs = [run(spec, dtype) for _ in range(repeat)]
    seconds = sorted(r[0] for r in runs)[len(runs) // 2]
    _, medians, p_in, p_by = runs[0]
    print(json.dumps({"seconds": seconds, "runs": [r[0] for r in runs], "medianShareLastYear": medians, "pIn": p_in, "pBy": p_by, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
