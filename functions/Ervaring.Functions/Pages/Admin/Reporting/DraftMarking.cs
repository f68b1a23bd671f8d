using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ervaring.Core.Csv;
using Ervaring.Core.Reports;
using Ervaring.Functions.Reports;

namespace Ervaring.Functions.Pages.Admin.Reporting;

/// <summary>
/// Makes the report preview unmistakably a draft. The preview is the published renderer's own HTML (so the officer
/// sees exactly what the council will see); rather than teach that renderer, whose bytes are archived at publication,
/// about drafts, the preview's copy is marked here: a banner with the way back, "concept" instead of a version and
/// publication date, and the open-data links pointed at the draft downloads (the public ones do not exist yet).
/// Nothing of this is ever stored.
/// </summary>
public static partial class DraftMarking
{
    public const string Status = "concept — niet openbaar";

    public static byte[] Html(byte[] html, string waveId)
    {
        var text = Encoding.UTF8.GetString(html);
        var wave = WebUtility.HtmlEncode(Uri.EscapeDataString(waveId));
        var banner =
            $"""<div class="concept-banner" role="note" id="concept-banner"><p><strong>Concept — niet openbaar.</strong> Zo ziet de raad het rapport als u het publiceert. Versie en datum krijgt het pas dan.</p><p><a href="/beheer/metingen/{wave}/rapportage">← Terug naar respons en rapport</a> · <a href="/beheer/metingen/{wave}">Naar de meting</a></p></div>""";
        text = MainOpen().Replace(text, m => m.Value + banner, 1);
        text = TitleOpen().Replace(text, "<title>Concept — ", 1);
        text = KickerVersion().Replace(text, "· concept</p>", 1);
        text = PublishedFact().Replace(text, "<dt>Publicatie</dt><dd>Nog niet gepubliceerd: dit is een concept.</dd>", 1);
        text = OpenDataLink().Replace(text, m =>
            $"/beheer/metingen/{wave}/rapportage/voorbeeld/data.{m.Groups["ext"].Value}?gebied={m.Groups["slug"].Value}");
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The public CSV's columns and rows plus a last column "status" saying "concept — niet openbaar".</summary>
    public static byte[] Csv(PublicReport report)
    {
        var rows = new List<IEnumerable<string?>> { OpenData.Columns.Append("status") };
        rows.AddRange(OpenData.Rows(report).Select(r => r.Append(Status)));
        return SafeCsv.ToUtf8Bytes(rows);
    }

    /// <summary>The public JSON with "status" and "openbaar": false in front, so no program mistakes it for the real one.</summary>
    public static byte[] Json(PublicReport report)
    {
        var body = JsonSerializer.SerializeToNode(report, ReportComposer.Json)!.AsObject();
        var marked = new JsonObject { ["status"] = Status, ["openbaar"] = false };
        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            marked[name] = value;
        }
        return JsonSerializer.SerializeToUtf8Bytes(marked, ReportComposer.Json);
    }

    public static string FileName(PublicReport report, string extension) => $"concept-{report.Slug}-{report.Year}.{extension}";

    [GeneratedRegex("<main[^>]*>")]
    private static partial Regex MainOpen();

    [GeneratedRegex("<title>")]
    private static partial Regex TitleOpen();

    [GeneratedRegex(@"· versie \d+</p>")]
    private static partial Regex KickerVersion();

    [GeneratedRegex(@"<dt>Gepubliceerd</dt>\s*<dd>.*?</dd>", RegexOptions.Singleline)]
    private static partial Regex PublishedFact();

    [GeneratedRegex(@"/raad/(?<slug>[^""/?]+)/\d+/v/\d+/data\.(?<ext>csv|json)")]
    private static partial Regex OpenDataLink();
}
