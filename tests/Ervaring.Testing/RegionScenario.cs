using System.Net.Http.Json;
using System.Text;
using Ervaring.Core.Demo;
using Xunit;
using static Ervaring.Testing.SamplingApi;

namespace Ervaring.Testing;

/// <summary>
/// A region with configured municipalities (issue 15: who is asking): the settings an app needs for them, and a region
/// wave in the field with every invitation's municipality, link and privacy address from the mail-merge export.
/// </summary>
public sealed record RegionScenario(string WaveId, IReadOnlyList<RegionScenario.Invitation> Invitations)
{
    public sealed record Invitation(string Client, string Audience, string Municipality, string Token, string Code, string Privacy);

    public const string RegionName = "Jeugdregio Testland";

    /// <summary>Fully configured, with the demo logo.</summary>
    public const string Eikenburg = "Eikenburg";

    /// <summary>Configured with its own name and help line, without a logo.</summary>
    public const string Linderveen = "Linderveen";

    /// <summary>In the wave, not in the configuration: falls back to "Gemeente Berkhout".</summary>
    public const string Berkhout = "Berkhout";

    public static Dictionary<string, string?> Settings => new()
    {
        ["Ervaring:Region:Name"] = RegionName,
        ["Ervaring:Region:Processor"] = "Onderzoeksbureau Testland",
        ["Ervaring:Municipalities:eik:Name"] = Eikenburg,
        ["Ervaring:Municipalities:eik:Logo"] = RepositoryRoot.Combine("gemeente-logos", "voorbeeldstad.png"),
        ["Ervaring:Municipalities:eik:HelpPhone"] = "14 0555",
        ["Ervaring:Municipalities:eik:HelpEmail"] = "jeugdonderzoek@eikenburg.example",
        ["Ervaring:Municipalities:eik:HelpHours"] = "werkdagen 9.00 tot 17.00 uur",
        ["Ervaring:Municipalities:eik:PrivacyContact"] = "privacy@eikenburg.example",
        ["Ervaring:Municipalities:eik:DataProtectionOfficer"] = "fg@eikenburg.example",
        ["Ervaring:Municipalities:lin:Name"] = Linderveen,
        ["Ervaring:Municipalities:lin:DisplayName"] = "Gemeente Linderveen aan de Maas",
        ["Ervaring:Municipalities:lin:HelpPhone"] = "0800 1234",
        ["Ervaring:Municipalities:lin:PrivacyContact"] = "https://www.linderveen.example/privacy",
    };

    /// <summary>One region wave over the three municipalities, census, in the field. One per app: a municipality has one wave a year.</summary>
    public static async Task<RegionScenario> StartAsync(AppFixture fixture, int clients = 150)
    {
        using var client = fixture.AdminClient();
        string[] places = [Eikenburg, Linderveen, Berkhout];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var waveId = await CreateWaveAsync(client, new
        {
            region = RegionName,
            municipalities = places,
            year = today.Year,
            fieldStart = today.AddDays(-1).ToString("yyyy-MM-dd"),
            fieldEnd = today.AddDays(30).ToString("yyyy-MM-dd"),
            census = true,
        });
        var frame = await PostCsvAsync(client, $"/api/waves/{waveId}/frame?dropInvalid=true", SyntheticRegister.Csv(clients, places, today.Year, seed: 15, referencePrefix: "R"));
        Assert.True(frame.IsSuccessStatusCode, await frame.Content.ReadAsStringAsync());
        var draw = await client.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { });
        Assert.True(draw.IsSuccessStatusCode, await draw.Content.ReadAsStringAsync());
        var csv = Encoding.UTF8.GetString(await (await client.GetAsync($"/api/waves/{waveId}/invitations.csv")).Content.ReadAsByteArrayAsync());
        var invitations = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(';'))
            .Select(f => new Invitation(f[0], f[1], f[2], f[3].Split("/s/?t=")[1], f[4], f[5]))
            .ToList();
        var fielding = await client.PostAsync($"/api/waves/{waveId}/fielding", null);
        Assert.True(fielding.IsSuccessStatusCode, await fielding.Content.ReadAsStringAsync());
        return new RegionScenario(waveId, invitations);
    }

    /// <summary>Invitations of one municipality and audience not used by an earlier test of the class.</summary>
    public Invitation Take(string municipality, string audience)
    {
        lock (_taken)
        {
            var next = Invitations.First(i => i.Municipality == municipality && i.Audience == audience && !_taken.Contains(i.Token));
            _taken.Add(next.Token);
            return next;
        }
    }

    private readonly HashSet<string> _taken = [];
}
