// Continuous distributions for the generator, built only from IEEE-exact operations
// (+ - * / sqrt, frexp, ldexp) so their results do not depend on the platform's libm.
#pragma once

#include "Random.h"

namespace seg::runtime {

// Natural logarithm and exponential to ~1e-13 relative error; the same bits everywhere.
double portableLog(double x);
double portableExp(double x);

// Standard normal (Marsaglia's polar method).
double standardNormal(Rng& rng);
// exp(N(log(median), sigma²)): company sizes, order amounts.
double logNormal(Rng& rng, double median, double sigma);
// Pareto type II (Lomax): mean scale / (alpha - 1) for alpha > 1, a power-law tail.
double lomax(Rng& rng, double scale, double alpha);
// Exponential with the given mean.
double exponential(Rng& rng, double mean);

} // namespace seg::runtime
