using System.Text.RegularExpressions;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Survey;

namespace Ervaring.Benchmarks.Http;

/// <summary>The survey page (GET /s/?t={token}) and submit (POST /s/?t={token}, actie=verzenden) at a fixed rate, distinct tokens.</summary>
public static partial class SurveyLoad
{
    public sealed record Outcome(LoadResult Render, LoadResult Submit, long PageHtmlBytes, long PageAssetBytes, int Invitations, TimeSpan Setup);

    /// <summary>
    /// The page and the submit side by side in one run: GETs and POSTs alternate in one open-model stream, each
    /// at <paramref name="rate"/> on tokens of its own, after a warm-up of the same mix. Run one after the other
    /// (as this benchmark first did), whichever phase came first paid for the JIT's tier-up of the shared code
    /// and looked several times slower; side by side both meet the same machine.
    /// </summary>
    public static async Task<Outcome> RunAsync(LiveApp live, int rate, TimeSpan duration, TimeSpan? warmUp = null)
    {
        var perKind = (int)(rate * duration.TotalSeconds);
        var warm = (int)(rate * (warmUp ?? TimeSpan.FromSeconds(3)).TotalSeconds);
        var setup = System.Diagnostics.Stopwatch.StartNew();
        // A census of N clients yields a little more than N invitations (12–17-year-olds get two).
        var (_, invitations) = await live.FieldingWaveAsync(2 * (perKind + warm), "L" + Guid.NewGuid().ToString("N")[..6]);
        setup.Stop();
        var definitions = LiveApp.Definitions();
        using var client = live.LoadClient();

        // Bytes of one page: the HTML and the assets it links (CSS/JS from /assets), uncompressed.
        var html = await client.GetStringAsync(SurveyLinks.For(invitations[^1].Token));
        long assets = 0;
        foreach (Match m in AssetLink().Matches(html))
            assets += (await client.GetByteArrayAsync(m.Groups[1].Value)).Length;
        var htmlBytes = System.Text.Encoding.UTF8.GetByteCount(html);

        // Tokens of their own for every part: warm-up pages, warm-up submits, measured pages, measured submits.
        var parts = invitations.Take(2 * (perKind + warm)).Chunk(perKind + warm).ToList();
        var (warmPages, pages) = (parts[0][..warm], parts[0][warm..]);
        var (warmSubmits, submits) = (parts[1][..warm], parts[1][warm..]);

        // Warm-up (JIT tiering, connection pool, Azurite), not reported.
        await SideBySideAsync("warm-up", client, rate, warm, warmPages, warmSubmits, definitions, duration);
        var (render, submit) = await SideBySideAsync("", client, rate, perKind, pages, submits, definitions, duration);
        return new Outcome(render, submit, htmlBytes, htmlBytes + assets, invitations.Count, setup.Elapsed);
    }

    private static async Task<(LoadResult Render, LoadResult Submit)> SideBySideAsync(
        string prefix, HttpClient client, int rate, int count, Invitation[] pages, Invitation[] submits,
        IReadOnlyDictionary<string, SurveyDefinition> definitions, TimeSpan duration)
    {
        var forms = submits.Select((t, i) =>
            LiveApp.ValidAnswers(definitions[t.Audience], i).SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v)))
                .Append(new("actie", "verzenden")).ToList()).ToList();
        var results = await OpenModelLoad.RunInterleavedAsync(
            [(prefix + " survey page GET").Trim(), (prefix + " survey submit POST").Trim()], client, rate, count, duration + TimeSpan.FromSeconds(5),
            (kind, i) => kind == 0
                ? new HttpRequestMessage(HttpMethod.Get, SurveyLinks.For(pages[i].Token))
                : new HttpRequestMessage(HttpMethod.Post, SurveyLinks.For(submits[i].Token)) { Content = new FormUrlEncodedContent(forms[i]) },
            r => r.StatusCode == System.Net.HttpStatusCode.OK);
        return (results[0], results[1]);
    }

    [GeneratedRegex("(?:href|src)=\"(/assets/[^\"]+)\"")]
    private static partial Regex AssetLink();
}
