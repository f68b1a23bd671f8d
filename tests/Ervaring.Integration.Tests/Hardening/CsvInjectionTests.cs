using System.Net.Http.Json;
using System.Text;
using Ervaring.Functions.Survey;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Hardening;

/// <summary>
/// Every CSV the app hands out is safe whatever separator the reader assumes: a value holding commas and a formula
/// (<c>K1,=1+1,</c> as a client reference, <c>x,=2+2,</c> as a municipality) never becomes a cell starting with '='
/// when the file is read with ',' or with ';' — in the mail-merge file, the reminder list and the public data.csv.
/// </summary>
public sealed class CsvInjectionTests : IAsyncLifetime
{
    private readonly AppFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private static readonly char[] Separators = [',', ';'];

    [Fact]
    public async Task The_invitation_and_reminder_exports_hold_no_formula_in_any_reading()
    {
        using var admin = _fixture.AdminClient();
        var waveId = await StartCensusAsync(admin, "Formulestad", "K1,=1+1,");

        var invitations = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/waves/{waveId}/invitations.csv"));
        Assert.Contains("=1+1", invitations);
        AssertNoFormula(invitations, "invitations.csv");
        // Read with its own separator the value is one cell again, an apostrophe in front of each piece that started a formula.
        Assert.Contains(CsvCells.Parse(invitations, ';'), row => row[0] == "'K1,'=1+1,");

        var fielding = await admin.PostAsync($"/api/waves/{waveId}/fielding", null);
        Assert.True(fielding.IsSuccessStatusCode, await fielding.Content.ReadAsStringAsync());
        // Fielding started ten days ago: reminder round 1 (day 7) is due.
        var waves = _fixture.App.Services.GetRequiredService<WaveStore>();
        var stored = (await waves.GetAsync(waveId))!;
        await waves.UpdateAsync(stored, stored.Wave with { FieldingStartedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10) }, "test", null);
        var reminders = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/waves/{waveId}/reminders.csv?round=1"));
        Assert.Contains("=1+1", reminders);
        AssertNoFormula(reminders, "reminders.csv");
    }

    [Fact]
    public async Task The_public_data_csv_of_a_municipality_named_with_a_formula_holds_no_formula_in_any_reading()
    {
        const string municipality = "x,=2+2,";
        using var admin = _fixture.AdminClient();
        var waveId = await StartCensusAsync(admin, municipality, "K-gewoon");
        var fielding = await admin.PostAsync($"/api/waves/{waveId}/fielding", null);
        Assert.True(fielding.IsSuccessStatusCode, await fielding.Content.ReadAsStringAsync());
        var export = CsvCells.Parse(Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/waves/{waveId}/invitations.csv")), ';');
        using (var family = _fixture.App.CreateClient())
        {
            foreach (var (row, n) in export.Skip(1).Take(12).Select((r, n) => (r, n)))
            {
                var token = row[3].Split("/s/?t=")[1];
                var answers = await FieldingScenario.AnswersAsync(_fixture, token, variant: n);
                var form = new FormUrlEncodedContent(answers.SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v))).Append(new("actie", "verzenden")));
                Assert.Contains("<h1>Bedankt!</h1>", await (await family.PostAsync(SurveyLinks.For(token), form)).Content.ReadAsStringAsync());
            }
        }
        var close = await admin.PostAsync($"/api/waves/{waveId}/close", null);
        Assert.True(close.IsSuccessStatusCode, await close.Content.ReadAsStringAsync());
        var publish = await admin.PostAsync($"/api/waves/{waveId}/publish", null);
        Assert.True(publish.IsSuccessStatusCode, await publish.Content.ReadAsStringAsync());
        var url = (await JsonAsync(publish)).GetProperty("versions")[0].GetProperty("url").GetString()!;

        using var anonymous = _fixture.App.CreateClient();
        var csv = Encoding.UTF8.GetString(await anonymous.GetByteArrayAsync(url + "/data.csv"));
        Assert.Contains("=2+2", csv);
        AssertNoFormula(csv, "data.csv");
        var rows = CsvCells.Parse(csv, ';');
        Assert.True(rows.Count > 1);
        Assert.All(rows.Skip(1), r => Assert.Equal("'x,'=2+2,", r[0]));
    }

    private static void AssertNoFormula(string csv, string file)
    {
        foreach (var separator in Separators)
            foreach (var row in CsvCells.Parse(csv, separator))
                foreach (var cell in row)
                    Assert.False(CsvCells.LooksLikeFormula(cell), $"{file} read with '{separator}' has a cell a spreadsheet runs as a formula: {cell}");
    }

    /// <summary>A census wave in one municipality, drawn; the first client carries <paramref name="firstReference"/>.</summary>
    private static async Task<string> StartCensusAsync(HttpClient admin, string municipality, string firstReference)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var waveId = await CreateWaveAsync(admin, new
        {
            municipalities = new[] { municipality },
            year = today.Year,
            fieldStart = today.AddDays(-1).ToString("yyyy-MM-dd"),
            fieldEnd = today.AddDays(30).ToString("yyyy-MM-dd"),
            census = true,
        });
        var lines = new List<string> { "clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum" };
        for (var i = 0; i < 30; i++)
        {
            var reference = i == 0 ? firstReference : $"K-{i:D3}";
            lines.Add($"\"{reference}\";{today.Year - 6 - i % 4};\"{municipality}\";ambulant;huisarts;AB01;{today.Year - 1}-02-01;");
        }
        var frame = await PostCsvAsync(admin, $"/api/waves/{waveId}/frame", Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));
        Assert.True(frame.IsSuccessStatusCode, await frame.Content.ReadAsStringAsync());
        var draw = await admin.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { });
        Assert.True(draw.IsSuccessStatusCode, await draw.Content.ReadAsStringAsync());
        return waveId;
    }
}
