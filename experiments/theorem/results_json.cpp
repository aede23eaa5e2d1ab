// summary.json from the typed results: the field names are the keys (nlohmann's macro), vectors
// as lists of numbers (xtensor's xjson.hpp).
#include <xtensor/xjson.hpp>

#include "experiments/theorem/theorem.hpp"

namespace theorem {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(IdentityCheck, closed_form, enumerated, enumerated_rel_error,
                                   mc_mean, mc_se, mc_draws, mc_z, exact_variance, sample_variance,
                                   sample_variance_se, variance_z)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GradientCheck, closed_form, formula, formula_max_abs_difference,
                                   enumerated, enumerated_max_rel_error, mc_mean, mc_se, mc_draws,
                                   mc_z, mc_max_abs_z)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MinimiserCheck, w_star, deployed, ridge_penalties,
                                   ridge_solution, deployed_vs_ridge_max_abs_difference,
                                   gd_learning_rate, gd_steps, gd_max_error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SweepRow, retain_prob, penalty_factor, ridge_lambda,
                                   deployed_gamma_norm, deployed_gamma_norm_over_ols, train_sse)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DesignResult, N, D, w, gamma_squared, srivastava, inverted,
                                   gradient, minimiser, p_sweep)

nlohmann::json to_json(const Results& r) {
  const dropout_ridge::GaussianDesign& g = r.gaussian_design;
  return {{"config",
           {{"retain_prob", r.settings.retain_prob},
            {"draws", r.settings.draws},
            {"gradient_draws", r.settings.gradient_draws},
            {"seed", r.seed},
            {"quick", r.quick},
            {"gaussian_design",
             {{"N", g.rows},
              {"column_scales", g.column_scales},
              {"true_weights", g.true_weights},
              {"noise", g.noise}}}}},
          {"design_A", r.design_a},
          {"design_gaussian", r.gaussian},
          {"p_sweep", r.design_a.p_sweep}};  // kept at the top level for readers of old files
}

}  // namespace theorem
