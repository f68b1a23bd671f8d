using MathNet.Numerics.Distributions;

namespace Ervaring.Core.Statistics;

/// <summary>Confidence intervals, written to match R's survey package.</summary>
public static class Intervals
{
    /// <summary>Two-sided t quantile, e.g. 0.975 point for level 0.95.</summary>
    public static double TQuantile(int degreesOfFreedom, double level) =>
        StudentT.InvCDF(0.0, 1.0, degreesOfFreedom, 1.0 - (1.0 - level) / 2.0);

    public static double ZQuantile(double level) => Normal.InvCDF(0.0, 1.0, 1.0 - (1.0 - level) / 2.0);

    /// <summary>
    /// svyciprop(method = "logit"): R fits an intercept-only quasibinomial svyglm, whose
    /// intercept is logit(p) with sandwich variance V(p)/(p(1−p))² (delta method), and takes
    /// expit(logit(p) ± t(df)·se) with df = degf(design). We compute that directly.
    /// When p is 0 or 1 (all answers negative/positive) R's fit diverges and returns an interval
    /// of width ~1e-12 at p; we return exactly [p, p]. Same when the standard error is 0.
    /// </summary>
    public static ConfidenceInterval Logit(double p, double standardError, int degreesOfFreedom, double level = 0.95)
    {
        if (p <= 0.0 || p >= 1.0 || standardError <= 0.0) return new ConfidenceInterval(p, p);
        var logitSe = standardError / (p * (1.0 - p));
        var centre = Math.Log(p / (1.0 - p));
        var half = TQuantile(degreesOfFreedom, level) * logitSe;
        return new ConfidenceInterval(Expit(centre - half), Expit(centre + half));
    }

    /// <summary>confint(svymean(...), df = degf(design)): mean ± t(df)·se.</summary>
    public static ConfidenceInterval Symmetric(double mean, double standardError, int degreesOfFreedom, double level = 0.95)
    {
        if (standardError <= 0.0) return new ConfidenceInterval(mean, mean);
        var half = TQuantile(degreesOfFreedom, level) * standardError;
        return new ConfidenceInterval(mean - half, mean + half);
    }

    private static double Expit(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
