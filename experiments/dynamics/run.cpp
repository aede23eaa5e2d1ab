// The dynamics experiment from start to end: the parts in order, then the claims, figures,
// section.md and summary.json, all from the typed results.
#include <iostream>

#include "experiments/dynamics/report.hpp"

namespace dynamics {

namespace {

// summary.json's "config": the settings, without the thread count (the summary must not depend
// on it).
nlohmann::json config_json(const Settings& s) {
  return {{"seed", s.seed},
          {"quick", s.quick},
          {"sgd_retain_prob", s.sgd_retain_prob},
          {"lr", {s.lr_large, s.lr_small}},
          {"sgd_steps", s.sgd_steps},
          {"sgd_runs", s.sgd_runs},
          {"nn_check_steps", s.nn_check_steps},
          {"clara_retain_prob", s.clara_retain_prob},
          {"clara_alpha_factor", s.clara_alpha_factor},
          {"clara_alphas", s.clara_alphas},
          {"clara_chains", s.clara_chains},
          {"equivalence_lr", s.equivalence_lr},
          {"equivalence_steps", s.equivalence_steps},
          {"equivalence_runs", s.equivalence_runs},
          {"batches_per_run", s.batches_per_run}};
}

}  // namespace

experiments::Report run(Settings s, const experiments::Context& context) {
  s.seed = context.seed;
  s.quick = context.quick;
  s.threads = context.threads;
  const experiments::Output& out = context.out;
  Results r;
  std::cerr << "dynamics: 1. dropout SGD\n";
  r.sgd = measure_sgd(s, out);
  std::cerr << "dynamics: 1b. the stability bound, fixed order, weight decay's stall\n";
  r.sgd_stability = measure_stability(s);
  r.sgd_fixed_order = measure_fixed_order(s);
  r.weight_decay_stall = measure_weight_decay_stall(s);
  std::cerr << "dynamics: 2. Clara et al.'s iterative dropout\n";
  r.clara = measure_clara(s, out);
  std::cerr << "dynamics: 3. weight decay vs dropout\n";
  r.equivalence = measure_equivalence(s, out);
  std::cerr << "dynamics: 4. the logistic dropout penalty\n";
  measure_wager(r, out);

  const std::vector<experiments::Claim> claims = dynamics_claims(s, r);
  nlohmann::json summary = r;
  summary["config"] = config_json(s);
  summary["claims"] = experiments::to_json(claims);
  return {summary, section_markdown(r, claims, draw_figures(r, out)), ""};
}

}  // namespace dynamics
