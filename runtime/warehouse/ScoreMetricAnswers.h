// The answers of a warehouse run's score and metric queries as the local report has them:
// each score's statistics over every contact's value (in key order, the row order of the
// run), each metric's rows with group keys rendered as the engines render them.
#pragma once

#include "plan/Plan.h"
#include "report/RunReport.h"
#include "sql/SqlMetrics.h"
#include "sql/SqlScores.h"
#include "warehouse/QueryRunner.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace seg::warehouse {

// Runs every query of `scores` and appends its ScoreReport (its query time to its stage's);
// "" on success, else what the server said ("score x: the server refused the query: …").
std::string runScores(QueryRunner& runner, const plan::Plan& plan,
                      const std::vector<sql::ScoreQuery>& scores,
                      const std::unordered_map<std::string, std::size_t>& rowOfKey,
                      report::RunReport& report);

// Runs every query of `metrics` and appends its MetricResult (their time to the metrics').
std::string runMetrics(QueryRunner& runner, const plan::Plan& plan,
                       const std::vector<sql::MetricQuery>& metrics, report::RunReport& report);

} // namespace seg::warehouse
