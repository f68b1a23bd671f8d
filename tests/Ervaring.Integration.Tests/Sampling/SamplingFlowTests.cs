using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Ervaring.Core.Demo;
using Ervaring.Storage;

namespace Ervaring.Integration.Tests.Sampling;

/// <summary>The whole sampling flow over HTTP against Azurite: create, upload, preview, draw, export, verify, start fielding.</summary>
[Collection(AppCollection.Name)]
public sealed class SamplingFlowTests(AppFixture fixture)
{
    [Fact]
    public async Task From_csv_upload_to_invitation_export_and_auditor_redraw()
    {
        using var client = fixture.AdminClient();
        var place = UniquePlace();
        var waveId = await CreateWaveAsync(client, WaveBody(place));
        var csv = SyntheticRegister.Csv(3000, [place], 2026, seed: 11);

        var import = await PostCsvAsync(client, $"/api/waves/{waveId}/frame", csv);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var report = await JsonAsync(import);
        Assert.Equal(3000, report.GetProperty("accepted").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetInt32());
        Assert.True(report.GetProperty("composition").GetArrayLength() > 5);

        var preview = await JsonAsync(await client.GetAsync($"/api/waves/{waveId}/sample/preview"));
        var domain = preview[0];
        Assert.Equal(place, domain.GetProperty("key").GetString());
        // docs/sampling.md: n0 = z²·p(1−p)/e², n = n0·N/(n0 + N − 1), gross = ceil(n / response rate).
        var n0 = 1.959964 * 1.959964 * 0.25 / (0.05 * 0.05);
        var expectedGross = (int)Math.Ceiling(n0 * 3000 / (n0 + 3000 - 1) / 0.30);
        Assert.Equal(expectedGross, domain.GetProperty("grossSampleSize").GetInt32());

        var drawResponse = await client.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { });
        Assert.Equal(HttpStatusCode.OK, drawResponse.StatusCode);
        var draw = await JsonAsync(drawResponse);
        Assert.Equal(expectedGross, draw.GetProperty("clients").GetInt32());
        var strata = draw.GetProperty("strata").EnumerateArray().ToList();
        Assert.Equal(expectedGross, strata.Sum(s => s.GetProperty("sampleSize").GetInt32()));
        Assert.All(strata, s => Assert.True(s.GetProperty("sampleSize").GetInt32() <= s.GetProperty("populationSize").GetInt32()));
        Assert.Equal(64, draw.GetProperty("seedHex").GetString()!.Length);

        var export = await client.GetAsync($"/api/waves/{waveId}/invitations.csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var exported = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync());
        var lines = exported.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("clientreferentie;doelgroep;gemeente;link;code;privacyverklaring;qrbestand", lines[0]);
        Assert.Equal(draw.GetProperty("invitations").GetInt32(), lines.Length - 1);
        Assert.True(lines.Length - 1 > expectedGross, "12–17-year-olds get two invitations");
        Assert.All(lines.Skip(1), line => Assert.Matches($@"^VB-\d{{6}};(ouders|jongeren);{place};https://ervaring\.example\.nl/s/\?t=[A-Za-z0-9_-]{{43}};[2-9A-Z]{{4}}-[2-9A-Z]{{4}}-[2-9A-Z]{{4}};https://ervaring\.example\.nl/privacy(\?voor=jongeren)?;VB-\d{{6}}-(ouders|jongeren)\.png$", line));

        // Storage holds hashes only: no raw token or code appears anywhere in the invitation tables.
        var someToken = lines[1].Split(';')[3].Split("/s/?t=")[1];
        var someCode = lines[1].Split(';')[4].Replace("-", "");
        await foreach (var entity in new TableClient(fixture.Azurite.ConnectionString, StorageNames.Tables.Invitations).QueryAsync<TableEntity>(e => e.PartitionKey == waveId))
            Assert.DoesNotContain(((IDictionary<string, object>)entity).Values, v => v is string s && (s.Contains(someToken) || s.Contains(someCode)));

        // The mail-merge export can be downloaded again and gives the same links.
        var again = Encoding.UTF8.GetString(await (await client.GetAsync($"/api/waves/{waveId}/invitations.csv")).Content.ReadAsByteArrayAsync());
        Assert.Equal(exported, again);

        var qr = await client.GetAsync($"/api/waves/{waveId}/invitations/qr.zip");
        Assert.Equal("application/zip", qr.Content.Headers.ContentType!.MediaType);

        var verify = await JsonAsync(await client.PostAsync($"/api/waves/{waveId}/sample/verify", null));
        Assert.True(verify.GetProperty("matches").GetBoolean());
        Assert.True(verify.GetProperty("frameFingerprintMatches").GetBoolean());

        // The auditor re-draws from their own copy of the frame, with the rows in another order: same sample.
        var shuffled = ShuffleRows(csv, seed: 5);
        var auditorCheck = await JsonAsync(await PostCsvAsync(client, $"/api/waves/{waveId}/sample/verify", shuffled));
        Assert.True(auditorCheck.GetProperty("matches").GetBoolean());
        Assert.False(auditorCheck.GetProperty("frameFingerprintMatches").GetBoolean());

        // A frame in which one sampled client was renamed gives a different sample.
        var sampledClient = lines[1].Split(';')[0];
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(csv).Replace(sampledClient + ";", "XX-999999;"));
        var tamperedCheck = await JsonAsync(await PostCsvAsync(client, $"/api/waves/{waveId}/sample/verify", tampered));
        Assert.False(tamperedCheck.GetProperty("matches").GetBoolean());

        var fielding = await client.PostAsync($"/api/waves/{waveId}/fielding", null);
        Assert.Equal(HttpStatusCode.OK, fielding.StatusCode);
        var wave = await JsonAsync(await client.GetAsync($"/api/waves/{waveId}"));
        Assert.Equal("fielding", wave.GetProperty("state").GetString());

        // Now a new frame or a new draw is refused with a clear message.
        var lateDraw = await client.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { });
        Assert.Equal(HttpStatusCode.Conflict, lateDraw.StatusCode);
        Assert.Contains("in veld", (await JsonAsync(lateDraw)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_sample_and_another_seed_another()
    {
        using var client = fixture.AdminClient();
        var csv = SyntheticRegister.Csv(1500, ["Zandstad"], 2026, seed: 3);
        var seed = new string('a', 64);

        var draws = 0;
        async Task<string> DrawFingerprint(string waveSeed)
        {
            // Four waves over one register in one year: the extra ones are supplementary waves, each with its own name.
            var waveId = await CreateWaveAsync(client, WaveBody("Zandstad", name: $"Zandstad trekking {++draws}", supplementary: true));
            Assert.Equal(HttpStatusCode.OK, (await PostCsvAsync(client, $"/api/waves/{waveId}/frame", csv)).StatusCode);
            var draw = await JsonAsync(await client.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { seed = waveSeed, offset = 0.25 }));
            return draw.GetProperty("sampleFingerprint").GetString()!;
        }

        Assert.Equal(await DrawFingerprint(seed), await DrawFingerprint(seed));
        Assert.NotEqual(await DrawFingerprint(seed), await DrawFingerprint(new string('b', 64)));
    }

    [Fact]
    public async Task Next_year_keeps_the_seed_and_moves_the_offset_so_families_are_not_asked_again()
    {
        using var client = fixture.AdminClient();
        var municipality = "Rivierdorp" + Guid.NewGuid().ToString("N")[..6];
        var csv = SyntheticRegister.Csv(2000, [municipality], 2025, seed: 8);

        var first = await CreateWaveAsync(client, WaveBody(municipality, 2025));
        Assert.Equal(HttpStatusCode.OK, (await PostCsvAsync(client, $"/api/waves/{first}/frame", csv)).StatusCode);
        var firstResponse = await client.PostAsJsonAsync($"/api/waves/{first}/sample", new { });
        var firstDraw = await JsonAsync(firstResponse);
        Assert.True(firstResponse.IsSuccessStatusCode, firstDraw.ToString());

        // The same register a year later: clients who turned 24 drop out (accepted explicitly).
        var second = await CreateWaveAsync(client, WaveBody(municipality, 2026));
        Assert.Equal(HttpStatusCode.OK, (await PostCsvAsync(client, $"/api/waves/{second}/frame?dropInvalid=true", csv)).StatusCode);
        var secondResponse = await client.PostAsJsonAsync($"/api/waves/{second}/sample", new { });
        var secondDraw = await JsonAsync(secondResponse);
        Assert.True(secondResponse.IsSuccessStatusCode, secondDraw.ToString());

        Assert.Equal(firstDraw.GetProperty("seedHex").GetString(), secondDraw.GetProperty("seedHex").GetString());
        var fraction = firstDraw.GetProperty("clients").GetDouble() / 2000;
        Assert.Equal((firstDraw.GetProperty("offset").GetDouble() + fraction) % 1.0, secondDraw.GetProperty("offset").GetDouble(), 12);

        var firstClients = await ExportedClients(client, first);
        var secondClients = await ExportedClients(client, second);
        // Two independent draws would share about the sampling fraction of their clients; coordinated draws share
        // far less (only where strata changed between years, e.g. a child moving into the next age band).
        var overlap = firstClients.Intersect(secondClients).Count() / (double)secondClients.Count;
        Assert.True(overlap < fraction / 2, $"overlap {overlap:P1} with sampling fraction {fraction:P1}");
    }

    private static async Task<HashSet<string>> ExportedClients(HttpClient client, string waveId)
    {
        var text = Encoding.UTF8.GetString(await (await client.GetAsync($"/api/waves/{waveId}/invitations.csv")).Content.ReadAsByteArrayAsync());
        return text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')[0]).ToHashSet();
    }

    private static byte[] ShuffleRows(byte[] csv, int seed)
    {
        var lines = Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var rows = lines.Skip(1).ToArray();
        new Random(seed).Shuffle(rows);
        return Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Prepend(lines[0])) + "\r\n");
    }
}
