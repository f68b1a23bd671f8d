namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// The calibration model as indicator columns: one per (collapsed) stratum, so the strata keep
/// their N_h, and one per municipality × category of each calibration variable. These columns are
/// collinear (within a municipality each variable's indicators add up to the strata's); that is
/// harmless: raking only needs the margins, and the variance only the projection on their span.
/// </summary>
internal sealed record CalibrationModel(IReadOnlyList<int[]> ColumnsOf, IReadOnlyList<double> Targets, IReadOnlyList<string> Names)
{
    public static CalibrationModel Create(IReadOnlyDictionary<StratumKey, DesignStratum> strata,
        IReadOnlyList<DesignCell> cells, CalibrationMargins margins)
    {
        var targets = new List<double>();
        var names = new List<string>();
        var column = new Dictionary<object, int>();
        foreach (var (group, stratum) in strata)
        {
            column[group] = targets.Count;
            targets.Add(stratum.Population);
            names.Add($"laag {group}");
        }

        var municipalities = strata.Keys.Select(k => k.Municipality).ToHashSet();
        foreach (var (municipality, variable, category, count) in margins.Entries)
        {
            if (!municipalities.Contains(municipality)) continue;
            column[(municipality, variable, category)] = targets.Count;
            targets.Add(count);
            names.Add($"gemeente {municipality}, {variable} = {category}");
        }
        CheckTotals(strata, margins, municipalities);

        var columnsOf = new List<int[]>();
        var used = new HashSet<int>();
        foreach (var cell in cells)
        {
            var columns = new int[1 + margins.Variables.Count];
            columns[0] = column[cell.Group];
            for (var v = 0; v < margins.Variables.Count; v++)
            {
                var variable = margins.Variables[v];
                var category = cell.Profile.CategoryOf(variable)
                    ?? throw new ArgumentException($"Antwoorden in laag {cell.Group} zonder waarde voor {variable}; die is nodig voor de weging.");
                var key = (cell.Group.Municipality, variable, category);
                if (!column.TryGetValue(key, out var index))
                    throw new CalibrationException($"Er zijn antwoorden in gemeente {key.Municipality} met {variable} = {category}, maar het kader heeft daar niemand.");
                columns[v + 1] = index;
            }
            columnsOf.Add(columns);
            used.UnionWith(columns);
        }

        for (var j = 0; j < targets.Count; j++)
            if (targets[j] > 0 && !used.Contains(j))
                throw new CalibrationException($"Geen geldige antwoorden in {names[j]}, terwijl het kader daar wel cliënten heeft; weging naar het kader kan niet.");
        return new CalibrationModel(columnsOf, targets, names);
    }

    // Raking to margins that do not add up to the strata's N cannot converge; say so instead.
    private static void CheckTotals(IReadOnlyDictionary<StratumKey, DesignStratum> strata, CalibrationMargins margins, HashSet<string> municipalities)
    {
        foreach (var municipality in municipalities)
        {
            var population = strata.Where(s => s.Key.Municipality == municipality).Sum(s => s.Value.Population);
            foreach (var variable in margins.Variables)
            {
                var total = margins.Entries.Where(e => e.Municipality == municipality && e.Variable == variable).Sum(e => e.Count);
                if (total != population)
                    throw new ArgumentException($"In gemeente {municipality} telt {variable} op tot {total} cliënten, de lagen tot {population}; het kader klopt niet.");
            }
        }
    }
}
