using Ervaring.Functions.Survey;
using System.Text.RegularExpressions;

namespace Ervaring.Benchmarks.Http;

/// <summary>The survey page (GET /s/?t={token}) and submit (POST /s/?t={token}, actie=verzenden) at a fixed rate, distinct tokens.</summary>
public static partial class SurveyLoad
{
    public sealed record Outcome(LoadResult Render, LoadResult Submit, long PageHtmlBytes, long PageAssetBytes, int Invitations, TimeSpan Setup);

    public static async Task<Outcome> RunAsync(LiveApp live, int rate, TimeSpan duration)
    {
        var requests = (int)(rate * duration.TotalSeconds);
        var setup = System.Diagnostics.Stopwatch.StartNew();
        // A census of N clients yields a little more than N invitations (12–17-year-olds get two).
        var warm = Math.Min(rate, 100);
        var (_, invitations) = await live.FieldingWaveAsync(requests + warm, "L" + Guid.NewGuid().ToString("N")[..6]);
        setup.Stop();
        var definitions = LiveApp.Definitions();
        var tokens = invitations.Take(requests).ToList();
        using var client = live.LoadClient();

        // Bytes of one page: the HTML and the assets it links (CSS/JS from /assets), uncompressed.
        var html = await client.GetStringAsync(SurveyLinks.For(tokens[^1].Token));
        long assets = 0;
        foreach (Match m in AssetLink().Matches(html))
            assets += (await client.GetByteArrayAsync(m.Groups[1].Value)).Length;
        var htmlBytes = System.Text.Encoding.UTF8.GetByteCount(html);

        // Warm-up (JIT, connection pool, Azurite) on tokens of its own, not reported: one second at the rate.
        var spare = invitations.Skip(requests).Take(warm).ToList();
        await OpenModelLoad.RunAsync("warm-up GET", client, rate, spare.Count, TimeSpan.FromSeconds(10),
            i => new HttpRequestMessage(HttpMethod.Get, SurveyLinks.For(spare[i].Token)), _ => true);
        await OpenModelLoad.RunAsync("warm-up POST", client, rate, spare.Count, TimeSpan.FromSeconds(10),
            i => new HttpRequestMessage(HttpMethod.Post, SurveyLinks.For(spare[i].Token))
            {
                Content = new FormUrlEncodedContent(LiveApp.ValidAnswers(definitions[spare[i].Audience], i)
                    .SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v))).Append(new("actie", "verzenden"))),
            }, _ => true);

        var render = await OpenModelLoad.RunAsync("survey page GET", client, rate, tokens.Count, duration + TimeSpan.FromSeconds(5),
            i => new HttpRequestMessage(HttpMethod.Get, SurveyLinks.For(tokens[i].Token)),
            r => r.StatusCode == System.Net.HttpStatusCode.OK);

        var forms = tokens.Select((t, i) =>
            LiveApp.ValidAnswers(definitions[t.Audience], i).SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v)))
                .Append(new("actie", "verzenden")).ToList()).ToList();
        var submit = await OpenModelLoad.RunAsync("survey submit POST", client, rate, tokens.Count, duration + TimeSpan.FromSeconds(5),
            i => new HttpRequestMessage(HttpMethod.Post, SurveyLinks.For(tokens[i].Token)) { Content = new FormUrlEncodedContent(forms[i]) },
            r => r.StatusCode == System.Net.HttpStatusCode.OK);
        return new Outcome(render, submit, htmlBytes, htmlBytes + assets, invitations.Count, setup.Elapsed);
    }

    [GeneratedRegex("(?:href|src)=\"(/assets/[^\"]+)\"")]
    private static partial Regex AssetLink();
}
