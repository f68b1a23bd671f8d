using System.Globalization;

namespace Ervaring.Functions.Pages.Shared;

/// <summary>Dutch formatting for pages: "1 maart 2026", "1.234", "0,05". Independent of the server's culture.</summary>
public static class Format
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Dutch);
    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "–";

    /// <summary>Date and time in Dutch local time, for logs and audit facts.</summary>
    public static string Moment(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, DutchTimeZone).ToString("d MMMM yyyy HH:mm", Dutch);

    /// <summary>The calendar date in the Netherlands at that moment (a report published at 00:30 Dutch time on 2 July is late).</summary>
    public static DateOnly DutchDate(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, DutchTimeZone).DateTime);

    public static string Number(int value) => value.ToString("N0", Dutch);
    public static string Decimal(double value) => value.ToString("0.0####", Dutch);
    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", Dutch) + "%";

    private static readonly TimeZoneInfo DutchTimeZone = FindDutchTimeZone();

    private static TimeZoneInfo FindDutchTimeZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }
}
