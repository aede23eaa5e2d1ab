// The dynamics experiment from start to end: the parts in order, then the claims, figures,
// section.md and summary.json, all from the typed results.
#include <iostream>

#include "experiments/dynamics/report.hpp"

namespace dynamics {

experiments::Report run(Settings s, const experiments::Context& context) {
  s.seed = context.seed;
  s.quick = context.quick;
  s.threads = context.threads;
  const experiments::Output& out = context.out;
  Results r;
  std::cerr << "dynamics: 1. dropout SGD\n";
  r.sgd = measure_sgd(s, out);
  std::cerr << "dynamics: 1b. the stability bound, fixed order, weight decay's stall\n";
  r.stability = measure_stability(s);
  r.fixed_order = measure_fixed_order(s);
  r.weight_decay_stall = measure_weight_decay_stall(s);
  std::cerr << "dynamics: 2. Clara et al.'s iterative dropout\n";
  r.clara = measure_clara(s, out);
  std::cerr << "dynamics: 3. weight decay vs dropout\n";
  r.equivalence = measure_equivalence(s, out);
  std::cerr << "dynamics: 4. the logistic dropout penalty\n";
  r.wager = measure_wager(out);

  const std::vector<experiments::Claim> claims = dynamics_claims(s, r);
  nlohmann::json summary = results_json(r);
  summary["config"] = config_json(s);
  summary["claims"] = experiments::to_json(claims);
  return {summary, section_markdown(r, claims, draw_figures(r, out)), ""};
}

}  // namespace dynamics
