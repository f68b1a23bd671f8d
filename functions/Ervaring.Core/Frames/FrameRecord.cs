using Ervaring.Core.Sampling;

namespace Ervaring.Core.Frames;

/// <summary>Care type (zorgvorm).</summary>
public enum CareType
{
    Ambulant,
    Verblijf,
    Jeugdbescherming,
    Jeugdreclassering,
    Pgb,
    Overig,
}

/// <summary>Referrer (verwijzer).</summary>
public enum Referrer
{
    Huisarts,

    /// <summary>Wijkteam / CJG / lokaal team / gemeente.</summary>
    Wijkteam,

    /// <summary>Gecertificeerde instelling (GI).</summary>
    GecertificeerdeInstelling,
    Jeugdarts,
    MedischSpecialist,
    Geen,
    Onbekend,
}

/// <summary>One accepted client row of the sampling frame.</summary>
/// <param name="LineNumber">Line in the uploaded file where the row starts (header = line 1).</param>
/// <param name="ClientReference">Pseudonymous client reference, trimmed; unique within the frame.</param>
/// <param name="BirthYear">Birth year when the file gave one (otherwise the file gave an age).</param>
/// <param name="Age">Age at the wave's reference date (reference year − birth year, or the given age).</param>
/// <param name="Municipality">Municipality, spelled as in the wave's list.</param>
public sealed record FrameRecord(
    int LineNumber,
    string ClientReference,
    int? BirthYear,
    int Age,
    string Municipality,
    CareType CareType,
    Referrer Referrer,
    string ProviderCode,
    DateOnly StartDate,
    DateOnly? EndDate);

/// <summary>A validated sampling frame (steekproefkader).</summary>
public sealed class Frame
{
    public Frame(IReadOnlyList<FrameRecord> records, DateOnly referenceDate, string? fingerprint = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        Records = records;
        ReferenceDate = referenceDate;
        Fingerprint = fingerprint;
    }

    public IReadOnlyList<FrameRecord> Records { get; }

    /// <summary>The wave's reference date, used for ages.</summary>
    public DateOnly ReferenceDate { get; }

    /// <summary>SHA-256 of the raw uploaded bytes (lowercase hex), when the frame came from a file.</summary>
    public string? Fingerprint { get; }

    public int Count => Records.Count;
}

/// <summary>One rejected row: where, which column and why (Dutch, B1).</summary>
/// <param name="Column">The column header as written in the file; null when the whole line is wrong.</param>
public sealed record FrameRowError(int LineNumber, string? Column, string Reason)
{
    public override string ToString() => Column is null
        ? $"Regel {LineNumber}: {Reason}"
        : $"Regel {LineNumber}, kolom '{Column}': {Reason}";
}

/// <summary>An error that makes the whole file unusable.</summary>
public sealed record FrameFileError(string Reason, int? LineNumber = null)
{
    public override string ToString() => LineNumber is null ? Reason : $"Regel {LineNumber}: {Reason}";
}

/// <summary>Count of frame clients in one municipality × care type × age band cell.</summary>
public sealed record CompositionCell(string Municipality, CareType CareType, string AgeBand, int Count);

/// <summary>Composition summary of a frame: counts per municipality × care type × age band.</summary>
public static class FrameComposition
{
    public const string OutsideBands = "buiten leeftijdsgroepen";

    public static IReadOnlyList<CompositionCell> Compute(Frame frame, AgeBands? ageBands = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var bands = ageBands ?? AgeBands.Default;
        var counts = new Dictionary<(string Municipality, CareType CareType, int Band), int>();
        foreach (var record in frame.Records)
        {
            var band = IndexOf(bands, record.Age);
            var key = (record.Municipality, record.CareType, band);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts
            .OrderBy(kv => kv.Key.Municipality, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.CareType)
            .ThenBy(kv => kv.Key.Band)
            .Select(kv => new CompositionCell(
                kv.Key.Municipality,
                kv.Key.CareType,
                kv.Key.Band < bands.Bands.Count ? bands.Bands[kv.Key.Band].Label : OutsideBands,
                kv.Value))
            .ToList();
    }

    private static int IndexOf(AgeBands bands, int age)
    {
        for (var i = 0; i < bands.Bands.Count; i++)
        {
            if (bands.Bands[i].Contains(age))
            {
                return i;
            }
        }

        return bands.Bands.Count;
    }
}
