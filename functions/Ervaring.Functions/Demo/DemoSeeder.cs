using Ervaring.Core.Demo;
using Ervaring.Core.Invitations;
using Ervaring.Core.Waves;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Security;
using Ervaring.Functions.Survey;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Demo;

/// <summary>
/// Fills local storage with a fictional municipality, "Voorbeeldstad", so a newcomer sees the whole cycle:
/// two closed and published years with synthetic responses (a council report with its trend) and the current year in the field.
/// Every step goes through the real services — sampling, the survey session, closing — never around them.
/// Runs once at start-up when <c>Ervaring:Demo:Seed</c> is true, and only if the demo is not there yet.
/// </summary>
public sealed class DemoSeeder(IServiceProvider services, IConfiguration configuration, ILogger<DemoSeeder> logger) : BackgroundService
{
    public const string Municipality = "Voorbeeldstad";
    private const string Actor = "demo";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue<bool>("Ervaring:Demo:Seed")) return;
        try
        {
            await SeedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Demo data is fictional, so the full exception may be logged here.
            logger.LogError(ex, "Demo data could not be created.");
        }
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var waves = services.GetRequiredService<WaveStore>();
        var existing = await waves.ListAsync(cancellationToken);
        if (existing.Any(w => w.Settings.Municipalities.Contains(Municipality))) return;
        logger.LogInformation("Creating demo data for {Municipality}…", Municipality);

        var thisYear = DateTime.UtcNow.Year;
        for (var year = thisYear - 2; year <= thisYear; year++)
        {
            var current = year == thisYear;
            var waveId = await CreateSampledWaveAsync(year, current, cancellationToken);
            await services.GetRequiredService<FieldingStart>().StartAsync(waveId, Actor, cancellationToken);
            await AnswerAsync(waveId, yearOffset: year - (thisYear - 2), share: current ? 0.6 : 1.0, cancellationToken);
            if (current) continue;
            await services.GetRequiredService<WaveClosing>().CloseAsync(waveId, Actor, cancellationToken);
            // Published in year order, so the second year's report shows the trend against the first.
            await services.GetRequiredService<ReportPublication>().PublishAsync(waveId, null, Actor, cancellationToken);
        }
        logger.LogInformation("Demo data ready.");
    }

    private async Task<string> CreateSampledWaveAsync(int year, bool current, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var settings = new WaveSettings
        {
            Name = $"Cliëntervaringsonderzoek jeugd {year} {Municipality}",
            Municipalities = [Municipality],
            Year = year,
            FieldStart = current ? today.AddDays(-10) : new DateOnly(year, 3, 1),
            FieldEnd = current ? today.AddDays(30) : new DateOnly(year, 4, 30),
            ReferenceDate = current ? today.AddDays(-10) : new DateOnly(year, 3, 1),
        };
        var creation = services.GetRequiredService<WaveCreation>();
        var wave = creation.Create(settings);
        await services.GetRequiredService<WaveStore>().CreateAsync(wave, Actor, cancellationToken);
        var sampling = services.GetRequiredService<SamplingService>();
        // A different register each year (clients come and go), with made-up references per year.
        var frame = SyntheticRegister.Csv(4000, [Municipality], year, seed: year, referencePrefix: $"VS{year % 100:D2}");
        var import = await sampling.ImportFrameAsync(wave.Id, frame, dropInvalid: true, Actor, cancellationToken);
        if (!import.Succeeded) throw new InvalidOperationException(import.Problem!.Detail);
        var draw = await sampling.DrawAsync(wave.Id, null, null, Actor, cancellationToken);
        if (!draw.Succeeded) throw new InvalidOperationException(draw.Problem!.Detail);
        return wave.Id;
    }

    /// <summary>Families answer (or not) through the real survey session, with unequal response by stratum.</summary>
    private async Task AnswerAsync(string waveId, int yearOffset, double share, CancellationToken cancellationToken)
    {
        var invitations = services.GetRequiredService<InvitationStore>();
        var session = services.GetRequiredService<SurveySession>();
        var secrets = services.GetRequiredService<ServerSecrets>();
        var random = new Random(waveId.GetHashCode(StringComparison.Ordinal) ^ yearOffset);
        var list = new List<InvitationRecord>();
        await foreach (var invitation in invitations.ListAsync(waveId, cancellationToken)) list.Add(invitation);
        foreach (var invitation in list.OrderBy(i => i.InvitationId, StringComparer.Ordinal))
        {
            if (random.NextDouble() > share * SyntheticRespondents.ResponsePropensity(invitation.CareType, invitation.AgeBand, invitation.Audience)) continue;
            var token = DerivedTokens.LinkToken(secrets.TokenKey, waveId, invitation.InvitationId);
            var opened = await session.OpenAsync(token, null, cancellationToken);
            if (opened.Context is null) continue;
            if (random.NextDouble() < 0.03)
            {
                await session.RefuseAsync(opened.Context, cancellationToken);
                continue;
            }
            var answers = SyntheticRespondents.Answers(opened.Context.BaseDefinition, invitation.CareType, yearOffset, random);
            var items = opened.Context.BaseDefinition.Items.Select(i => i.Id).ToList();
            await session.SubmitAsync(opened.Context, answers, items, random.NextDouble() < 0.1 ? ResponseModes.Paper : ResponseModes.Web, cancellationToken);
        }
        await services.GetRequiredService<ResponseMixing>().MixAsync(waveId, force: false, cancellationToken);
    }
}

public static class DemoRegistration
{
    /// <summary>The demo seeder; it does nothing unless <c>Ervaring:Demo:Seed</c> is true (the start script sets it).</summary>
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());
        return builder;
    }
}
