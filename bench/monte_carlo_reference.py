"""numpy float64 reference for Pledge's Monte Carlo (src/core/simulation.ts), vectorised.

Same model, same sizes, same percentile definition (numpy's default linear interpolation):
  share_k    = s_k * exp(se*eta_k - sg*eps_k)
  spending_k = u_k * exp(X_{k-1} + se*eta_k),  X_k = X_{k-1} + sg*eps_k
The random numbers differ (numpy's PCG64), so results agree statistically, not bit for bit.
Reads the model inputs written by bench/monte-carlo.bench.ts; prints one JSON line.
"""
import json
import sys
import time

import numpy as np

PS = [5, 25, 50, 75, 95]


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    n_paths = spec["paths"]
    rng = np.random.default_rng(spec["seed"])
    t0 = time.perf_counter()
    medians = {}
    p_target = {}
    alliance = None
    for ally in spec["allies"]:
        s = np.asarray(ally["share"][1:], dtype=np.float64)
        u = np.asarray(ally["spending"][1:], dtype=np.float64)
        years = s.shape[0]
        eps = rng.standard_normal((years, n_paths)) * ally["gdpSigma"]
        eta = rng.standard_normal((years, n_paths)) * ally["executionSigma"]
        share = s[:, None] * np.exp(eta - eps)
        level = np.cumsum(eps, axis=0) - eps  # X_{k-1}
        spending = u[:, None] * np.exp(level + eta)
        alliance = spending.copy() if alliance is None else alliance + spending
        q_share = np.percentile(share, PS, axis=1)
        np.percentile(spending, PS, axis=1)
        published = np.round(share[ally["targetIndex"] - 1] * 100 + 1e-9) / 100
        p_target[ally["ally"]] = float(np.mean(published >= ally["target"]))
        medians[ally["ally"]] = float(q_share[2, -1])
    np.percentile(alliance, PS, axis=1)
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "medianShareLastYear": medians, "pTarget": p_target, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
