using Ervaring.Core.Frames;

namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// Which frame variables a wave rakes to: the referrer and/or the duration of care in bands of
/// whole years since the start date (at the wave's reference date). Every client in the frame has
/// both, which is what calibration needs. Band bounds are configurable; the default 1 and 2 years
/// gives "0-1", "1-2" and "2plus".
/// </summary>
public sealed record CalibrationVariables(bool Referrer = true, bool Duration = true, IReadOnlyList<int>? DurationBoundsInYears = null)
{
    public const string ReferrerName = "verwijzer";
    public const string DurationName = "duur";

    /// <summary>The duration band bounds in ascending order.</summary>
    public IReadOnlyList<int> Bounds => [.. (DurationBoundsInYears ?? [1, 2]).Order()];

    public IReadOnlyList<string> Names =>
        [.. Duration ? [DurationName] : Array.Empty<string>(), .. Referrer ? [ReferrerName] : Array.Empty<string>()];

    /// <summary>The profile of a frame client (also the profile of that client's answers); the referrer as invitations store it.</summary>
    public CalibrationProfile ProfileOf(FrameRecord client, DateOnly referenceDate)
    {
        var categories = new List<(string, string)>();
        if (Referrer) categories.Add((ReferrerName, FrameVocabulary.Name(client.Referrer)));
        if (Duration) categories.Add((DurationName, DurationBand(client.StartDate, referenceDate)));
        return CalibrationProfile.Of([.. categories]);
    }

    /// <summary>Band of whole years in care at the reference date, e.g. "0-1", "1-2", "2plus".</summary>
    public string DurationBand(DateOnly start, DateOnly referenceDate)
    {
        var years = YearsInCare(start, referenceDate);
        var lower = 0;
        foreach (var bound in Bounds)
        {
            if (years < bound) return $"{lower}-{bound}";
            lower = bound;
        }
        return $"{lower}plus";
    }

    /// <summary>Whole years between the start of care and the reference date.</summary>
    public static int YearsInCare(DateOnly start, DateOnly referenceDate) =>
        referenceDate.Year - start.Year - (referenceDate < start.AddYears(referenceDate.Year - start.Year) ? 1 : 0);

    /// <summary>The frame's margins per municipality for these variables.</summary>
    public CalibrationMargins MarginsOf(Frame frame) =>
        CalibrationMargins.FromFrame(Names, frame.Records.Select(r => (r.Municipality, ProfileOf(r, frame.ReferenceDate), 1L)));
}
