using System.Net;
using System.Text;
using Azure.Storage.Blobs;
using Ervaring.Storage;

namespace Ervaring.Integration.Tests.Sampling;

/// <summary>Every bad frame is refused whole over HTTP with a Dutch reason per line and column, and nothing is stored.</summary>
[Collection(AppCollection.Name)]
public sealed class FrameRejectionTests(AppFixture fixture)
{
    private const string Header = "clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum";
    private const string Good = "A-1;2015;Voorbeeld;ambulant;huisarts;AB001;2025-02-01;";

    [Theory]
    [InlineData(";2015;Voorbeeld;ambulant;huisarts;AB001;2025-02-01;", 3, "clientreferentie")]
    [InlineData("A-1;2015;Voorbeeld;ambulant;huisarts;AB001;2025-02-01;", 3, "clientreferentie")] // duplicate of line 2
    [InlineData("A-2;1980;Voorbeeld;ambulant;huisarts;AB001;2025-02-01;", 3, "geboortejaar")]
    [InlineData("A-2;2015;Elders;ambulant;huisarts;AB001;2025-02-01;", 3, "gemeente")]
    [InlineData("A-2;2015;Voorbeeld;ruimtevaart;huisarts;AB001;2025-02-01;", 3, "zorgvorm")]
    [InlineData("A-2;2015;Voorbeeld;ambulant;buurman;AB001;2025-02-01;", 3, "verwijzer")]
    [InlineData("A-2;2015;Voorbeeld;ambulant;huisarts;AB001;31-31-2025;", 3, "startdatum")]
    [InlineData("A-2;2015;Voorbeeld;ambulant;huisarts;AB001;2025-02-01;2024-01-01", 3, "einddatum")]
    [InlineData("A-2;2015;Voorbeeld;ambulant", 3, null)]
    public async Task A_bad_row_is_reported_with_line_and_column_and_nothing_is_stored(string badRow, int line, string? column)
    {
        using var client = fixture.AdminClient();
        var place = UniquePlace();
        var waveId = await CreateWaveAsync(client, WaveBody(place));
        var csv = string.Join("\r\n", Header, Good, badRow).Replace("Voorbeeld", place) + "\r\n";

        var response = await PostCsvAsync(client, $"/api/waves/{waveId}/frame", csv);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await JsonAsync(response);
        var error = problem.GetProperty("errors").EnumerateArray().First();
        Assert.Equal(line, error.GetProperty("line").GetInt32());
        if (column is not null) Assert.Equal(column, error.GetProperty("column").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("reason").GetString()));
        Assert.Contains("Er is niets opgeslagen", problem.GetProperty("detail").GetString());
        await AssertNothingStoredAsync(client, waveId);
    }

    [Theory]
    [InlineData("", "leeg")]
    [InlineData("clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;naam\r\nA-1;2015;Voorbeeld;ambulant;huisarts;AB001;2025-02-01;Jan\r\n", "naam")]
    [InlineData("naam;adres\r\nJan;Dorpsstraat 1\r\n", "kopregel")]
    [InlineData("clientreferentie;gemeente\r\nA-1;Voorbeeld\r\n", "ontbreekt")]
    public async Task A_file_that_is_not_a_frame_is_refused_with_a_clear_message(string csv, string expectedWord)
    {
        using var client = fixture.AdminClient();
        var place = UniquePlace();
        var waveId = await CreateWaveAsync(client, WaveBody(place));
        var response = await PostCsvAsync(client, $"/api/waves/{waveId}/frame", Encoding.UTF8.GetBytes(csv.Replace("Voorbeeld", place)));
        Assert.True((int)response.StatusCode is 400 or 422, $"{(int)response.StatusCode}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(System.Text.RegularExpressions.Regex.Unescape(body).Contains(expectedWord, StringComparison.OrdinalIgnoreCase), body);
        await AssertNothingStoredAsync(client, waveId);
    }

    [Fact]
    public async Task A_frame_with_the_wrong_content_type_or_for_an_unknown_wave_is_refused()
    {
        using var client = fixture.AdminClient();
        var waveId = await CreateWaveAsync(client, WaveBody(UniquePlace()));
        var json = await PostCsvAsync(client, $"/api/waves/{waveId}/frame", Encoding.UTF8.GetBytes(Header), "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        var unknown = await PostCsvAsync(client, "/api/waves/bestaat-niet/frame", $"{Header}\r\n{Good}\r\n");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("bestaat niet", (await JsonAsync(unknown)).GetProperty("detail").GetString());
        await AssertNothingStoredAsync(client, waveId);
    }

    [Fact]
    public async Task Dropping_bad_rows_must_be_asked_for_explicitly()
    {
        using var client = fixture.AdminClient();
        var place = UniquePlace();
        var waveId = await CreateWaveAsync(client, WaveBody(place));
        var csv = string.Join("\r\n", Header, Good, "A-2;1980;Voorbeeld;ambulant;huisarts;AB001;2025-02-01;").Replace("Voorbeeld", place) + "\r\n";
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostCsvAsync(client, $"/api/waves/{waveId}/frame", csv)).StatusCode);
        var accepted = await JsonAsync(await PostCsvAsync(client, $"/api/waves/{waveId}/frame?dropInvalid=true", csv));
        Assert.Equal(1, accepted.GetProperty("accepted").GetInt32());
        Assert.Equal(1, accepted.GetProperty("rejected").GetInt32());
        Assert.True(accepted.GetProperty("droppedInvalid").GetBoolean());
    }

    [Fact]
    public async Task Bad_wave_settings_name_each_field_and_create_nothing()
    {
        using var client = fixture.AdminClient();
        var before = (await JsonAsync(await client.GetAsync("/api/waves"))).GetArrayLength();
        var response = await client.PostAsync("/api/waves", new StringContent(
            """{"municipalities":[],"year":1990,"fieldStart":"2026-05-01","fieldEnd":"2026-04-01","margin":0.5,"suppressionThreshold":3}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        foreach (var field in new[] { "municipalities", "year", "fieldEnd", "margin", "suppressionThreshold" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        var typo = await client.PostAsync("/api/waves", new StringContent("""{"municipalitys":["X"]}""", Encoding.UTF8, "application/json"));
        Assert.Contains("municipalitys", (await JsonAsync(typo)).GetProperty("detail").GetString());
        var broken = await client.PostAsync("/api/waves", new StringContent("{\n \"year\": 2026,\n \"fieldStart\": \"morgen\"\n}", Encoding.UTF8, "application/json"));
        var detail = (await JsonAsync(broken)).GetProperty("detail").GetString();
        Assert.Contains("regel 3", detail);
        Assert.Contains("fieldStart", detail);
        Assert.Equal(before, (await JsonAsync(await client.GetAsync("/api/waves"))).GetArrayLength());
    }

    private async Task AssertNothingStoredAsync(HttpClient client, string waveId)
    {
        var wave = await JsonAsync(await client.GetAsync($"/api/waves/{waveId}"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, wave.GetProperty("frame").ValueKind);
        Assert.Equal("draft", wave.GetProperty("state").GetString());
        var container = new BlobContainerClient(fixture.Azurite.ConnectionString, StorageNames.Containers.Frames);
        await foreach (var _ in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = waveId + "/" }))
            Assert.Fail("a raw frame was stored for a refused upload");
    }
}
