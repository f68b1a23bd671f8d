namespace Ervaring.Core.Waves;

/// <summary>The life of a wave (meting). Every move is explicit and logged.</summary>
public enum WaveState
{
    Draft,
    Sampled,
    Fielding,
    Closed,
    Published,
}

public static class WaveStates
{
    /// <summary>Dutch names, as the officer sees them.</summary>
    public static string Dutch(this WaveState state) => state switch
    {
        WaveState.Draft => "concept",
        WaveState.Sampled => "steekproef getrokken",
        WaveState.Fielding => "in veld",
        WaveState.Closed => "gesloten",
        WaveState.Published => "gepubliceerd",
        _ => state.ToString(),
    };

    private static readonly Dictionary<WaveState, WaveState[]> Allowed = new()
    {
        // A new frame or a new draw is allowed until invitations go out.
        [WaveState.Draft] = [WaveState.Sampled],
        [WaveState.Sampled] = [WaveState.Sampled, WaveState.Fielding, WaveState.Draft],
        [WaveState.Fielding] = [WaveState.Closed],
        [WaveState.Closed] = [WaveState.Published],
        // A correction is a new published version: published stays published.
        [WaveState.Published] = [WaveState.Published],
    };

    public static bool CanMove(WaveState from, WaveState to) => Allowed[from].Contains(to);

    /// <summary>Null when allowed, else a Dutch sentence saying why not.</summary>
    public static string? WhyNot(WaveState from, WaveState to) => CanMove(from, to)
        ? null
        : $"Een meting met status '{from.Dutch()}' kan niet naar '{to.Dutch()}'. Toegestaan vanaf '{from.Dutch()}': {string.Join(", ", Allowed[from].Select(s => $"'{s.Dutch()}'"))}.";
}
