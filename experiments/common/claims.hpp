// A claim of the post and the verdict on it: the model every experiment's summary.json
// ("claims") and every verdict table of REPORT.md are made from.
//
// A *measured* claim carries named checks, each a number compared with a stated threshold
// that can fail. Its verdict and its one-sentence "because" are chosen from the checks'
// outcomes, with a sentence for each outcome (`decide`), including "not confirmed" when a
// check the verdict rests on fails. A *reasoning* claim is an argument (from the post's code,
// or from algebra); the report marks it "argued", never "measured".
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace experiments {

// The two z thresholds the experiments' checks use, in standard errors (SE). They mean different
// things, and are kept apart:
// - kMaxAbsZ: an estimate (a Monte Carlo mean, a fitted slope, ...) *agrees* with the exact value
//   it estimates when it lies within 4 SE of it (dynamics, theorem). With normal errors a true
//   agreement fails this with probability P(|Z| > 4) ≈ 6·10⁻⁵ per comparison.
// - kSignificantZ: a paired difference between models over seeds is *real* when its mean lies at
//   least 3 SE from 0 (moons: z ≥ 3; weight_decay: |z| > 3). With no difference,
//   P(|Z| ≥ 3) ≈ 0.0027.
inline constexpr double kMaxAbsZ = 4;
inline constexpr double kSignificantZ = 3;

enum class ClaimKind { measured, reasoning };

// One named comparison: `value` against `threshold` (as text, e.g. "≤ 4"), and its outcome.
struct Check {
  std::string name;
  double value = 0;
  std::string threshold;
  bool passed = false;
};

// The comparisons, each with its threshold text written in one place.
Check at_most(std::string name, double value, double limit);      // value ≤ limit
Check below(std::string name, double value, double limit);        // value < limit
Check at_least(std::string name, double value, double limit);     // value ≥ limit
Check above(std::string name, double value, double limit);        // value > limit
Check abs_at_most(std::string name, double value, double limit);  // |value| ≤ limit
Check abs_above(std::string name, double value, double limit);    // |value| > limit
Check equal_to(std::string name, double value, double expected);  // value == expected
Check is_true(std::string name, bool value);                      // value (1) is true

// A verdict ("holds", "wrong", "not confirmed", ...) and the sentence that says why.
struct Outcome {
  std::string verdict;
  std::string because;
};

struct Claim {
  std::string id;     // "<experiment>.<claim>"
  std::string quote;  // the post's words
  ClaimKind kind = ClaimKind::measured;
  std::string measured;  // what was measured (or, for reasoning, the argument), for the table
  std::vector<Check> checks;
  std::string verdict;
  std::string because;
};

// The check called `name` (throws std::logic_error naming it when there is none).
const Check& check_named(const std::vector<Check>& checks, const std::string& name);
bool passed(const std::vector<Check>& checks, const std::string& name);
bool all_passed(const std::vector<Check>& checks);

// "name = value (needs threshold)" for every failed check, joined by "; ".
std::string failed_checks_text(const std::vector<Check>& checks);

// The outcome when a check the verdict rests on fails: "not confirmed", because those
// checks failed (they are named in the sentence, with their values).
Outcome not_confirmed(const std::vector<Check>& checks, const std::string& what_it_means = "");

// A measured claim: the outcome is picked by the caller from `checks` (use `passed`), and
// must be one the checks can change.
Claim measured_claim(std::string id, std::string quote, std::string measured,
                     std::vector<Check> checks, Outcome outcome);

// The common two-way case: every check passes → `when_all_pass`; else `not_confirmed`.
Claim decide(std::string id, std::string quote, std::string measured, std::vector<Check> checks,
             Outcome when_all_pass);

// An argued claim (kind reasoning); checks, if any, are shown but the verdict is the argument's.
Claim reasoning_claim(std::string id, std::string quote, std::string argument, Outcome outcome,
                      std::vector<Check> checks = {});

// The claim with this id (throws std::logic_error naming it when there is none).
const Claim& claim_with_id(const std::vector<Claim>& claims, const std::string& id);

nlohmann::json to_json(const Check& check);
nlohmann::json to_json(const Claim& claim);
nlohmann::json to_json(const std::vector<Claim>& claims);

// The verdict table of a report: | the post says | measured or argued | verdict |, one row per
// claim: the quote in quotation marks, the verdict cell "**verdict** (measured or argued):
// because", each row listing its checks with their values and thresholds. A | inside a cell is
// written \| (Markdown would end the cell there).
std::string claims_table(const std::vector<Claim>& claims);

}  // namespace experiments
