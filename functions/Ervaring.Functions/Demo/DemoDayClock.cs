namespace Ervaring.Functions.Demo;

/// <summary>
/// A clock that stands at noon (UTC) of one day, so the demo can start a wave's fieldwork on its planned start and let
/// families answer over the field days, as they would: the fieldwork dashboard then has a course to show.
/// </summary>
public sealed class DemoDayClock(DateOnly day) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
