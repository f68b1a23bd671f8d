using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics;

namespace Ervaring.Core.Reports.Aggregation;

/// <summary>Response per stratum (RR1) and the R-indicator with its partials, from the fieldwork counts.</summary>
public static class ResponseTables
{
    public static List<ResponseRow> Rows(WaveDesignInput design, IReadOnlyList<FieldworkTally> counts) =>
        counts.OrderBy(c => c.Audience, StringComparer.Ordinal).ThenBy(c => c.StratumKey, StringComparer.Ordinal)
            .Select(c => new ResponseRow(c.Audience, c.StratumKey, c.Municipality, c.CareType, c.AgeBand, design.SampledPopulations.GetValueOrDefault(c.StratumKey),
                c.Invited, c.Completed, c.ResponseRate))
            .ToList();

    /// <summary>
    /// R-indicator per audience and scope: propensity r_h/n_h per stratum, design weights N_h/n_h, partials by care
    /// type and age band. It stays design-based whatever weighting the estimates use: it describes who responded
    /// among those invited, not the estimator.
    /// </summary>
    public static List<RepresentativenessRow> Representativeness(WaveDesignInput design, IReadOnlyList<ResponseRow> response)
    {
        var rows = new List<RepresentativenessRow>();
        foreach (var audience in design.Audiences)
        {
            var name = audience.Audience.Name();
            foreach (var scope in design.Scopes)
            {
                var strata = new List<StratumFieldwork>();
                var careType = new Dictionary<StratumKey, string>();
                var ageBand = new Dictionary<StratumKey, string>();
                foreach (var row in response.Where(r => r.Audience == name && (scope.IsRegion || r.Municipality == scope.Name)))
                {
                    if (audience.Strata.Find(row.Stratum) is not { } key) continue;
                    strata.Add(new StratumFieldwork(key, audience.Strata.Populations[key], row.Invited, 0, row.Completed));
                    careType[key] = row.CareType;
                    ageBand[key] = row.AgeBand;
                }
                if (strata.Count == 0) continue;
                var result = RIndicator.Compute(strata, new Dictionary<string, Func<StratumKey, string>>
                {
                    [Dimensions.CareType] = k => careType[k],
                    [Dimensions.AgeBand] = k => ageBand[k],
                });
                var sentence = RepresentativenessSentence.Describe(result, (variable, category) => GroupNames.Of(name, variable, category));
                rows.Add(new RepresentativenessRow(name, scope.Name, result.R, result.MeanPropensity, double.IsFinite(result.MaximalBias) ? result.MaximalBias : null, sentence,
                    result.Partials.SelectMany(p => p.Categories.Select(c => new PartialRow(p.Variable, c.Category, c.Propensity, c.Partial))).ToList()));
            }
        }
        return rows;
    }
}
