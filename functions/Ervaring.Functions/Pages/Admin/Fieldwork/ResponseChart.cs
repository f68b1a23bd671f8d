using System.Globalization;
using Ervaring.Core.Reports.Fieldwork;
using Ervaring.Functions.Pages.Shared;

namespace Ervaring.Functions.Pages.Admin.Fieldwork;

/// <summary>One line of the response chart: its label, its points in SVG coordinates, and how it is drawn.</summary>
/// <param name="Dash">A dash pattern per line, so lines differ by more than colour alone.</param>
public sealed record ChartLine(string Label, string Points, string Colour, string Dash);

/// <summary>
/// The geometry of the server-rendered response chart (cumulative response per municipality and audience, per day):
/// plain numbers for an SVG, so the page needs no script. The y axis runs from 0 to the next ten percent above the
/// highest response.
/// </summary>
public sealed class ResponseChart
{
    public const double Width = 640, Height = 280, Left = 48, Right = 16, Top = 16, Bottom = 40;
    private static readonly string[] Colours = ["#1f4e8c", "#b34700", "#2e7d32", "#6a1b9a", "#00695c", "#5d4037"];
    private static readonly string[] Dashes = ["", "6 4", "2 3", "10 3 2 3", "1 5", "12 6"];

    public IReadOnlyList<ChartLine> Lines { get; }
    public IReadOnlyList<(double Y, string Label)> YTicks { get; }
    public IReadOnlyList<(double X, string Label)> XTicks { get; }

    public ResponseChart(IReadOnlyList<CourseDay> course, IReadOnlyList<(string Municipality, string Audience)> groups)
    {
        var top = course.SelectMany(d => d.Response).Where(r => groups.Contains((r.Municipality, r.Audience))).Select(r => r.ResponseRate).DefaultIfEmpty(0).Max();
        var max = Math.Max(0.1, Math.Ceiling(top * 10 - 1e-9) / 10);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int day) => Left + (course.Count <= 1 ? 0 : plotWidth * day / (course.Count - 1));
        double Y(double rate) => Top + plotHeight * (1 - rate / max);

        Lines = groups.Select((g, i) =>
        {
            var points = course.Select((d, day) => (X: X(day), Y: Y(d.Response.Single(r => r.Municipality == g.Municipality && r.Audience == g.Audience).ResponseRate))).ToList();
            return new ChartLine($"{g.Municipality}, {g.Audience}", string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}")),
                Colours[i % Colours.Length], Dashes[i % Dashes.Length]);
        }).ToList();
        YTicks = Enumerable.Range(0, (int)Math.Round(max * 10) + 1).Select(t => (Y(t / 10.0), $"{t * 10}%")).ToList();
        var step = Math.Max(1, (int)Math.Ceiling(course.Count / 6.0));
        XTicks = course.Select((d, day) => (day, d.Day)).Where(x => x.day == course.Count - 1 || (x.day % step == 0 && course.Count - 1 - x.day >= step / 2.0))
            .Select(x => (X(x.day), x.Day.ToString("d MMM", Format.Dutch))).ToList();
    }

    /// <summary>SVG numbers with a decimal point whatever the culture.</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
