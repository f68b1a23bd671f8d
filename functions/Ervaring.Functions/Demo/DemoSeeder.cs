using Ervaring.Functions.Hosting.Settings;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Demo;

/// <summary>
/// Fills local storage with a fictional region of two municipalities. "Voorbeeldstad" shows a newcomer the whole
/// cycle: two closed and published years with synthetic responses — a council report with its trend, the
/// municipality's interpretation, improvement actions, a year later their status, and chosen quotes — and the
/// current year in the field. "Havendorp" has only its current year in the field, so that each municipality's
/// officer (the start script gives each a key) sees only its own waves and the coordinator sees both (issue 15).
/// Every step goes through the real services — sampling, the survey session, closing, the officer's notes — never
/// around them. Runs once at start-up when <c>Ervaring:Demo:Seed</c> is true; each municipality only if it is not there yet.
/// </summary>
public sealed class DemoSeeder(IServiceProvider services, IOptions<ErvaringSettings> settings, ILogger<DemoSeeder> logger) : BackgroundService
{
    public const string Municipality = "Voorbeeldstad";

    /// <summary>The region's second municipality: its current year in the field, smaller, no history.</summary>
    public const string SecondMunicipality = "Havendorp";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Demo.Seed) return;
        try
        {
            await services.GetRequiredService<Hosting.StorageReadiness>().WaitAsync(TimeSpan.FromMinutes(1), stoppingToken);
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
        var demo = services.GetRequiredService<DemoWaves>();
        if (!existing.Any(w => w.Settings.Municipalities.Contains(SecondMunicipality)))
        {
            logger.LogInformation("Creating demo data for {Municipality}…", SecondMunicipality);
            var waveId = await demo.CreateFieldingWaveAsync(SecondMunicipality, DateTime.UtcNow.Year, 1500, current: true, cancellationToken: cancellationToken);
            await demo.AnswerAsync(waveId, yearOffset: 0, share: 0.5, cancellationToken: cancellationToken);
        }
        if (existing.Any(w => w.Settings.Municipalities.Contains(Municipality))) return;
        logger.LogInformation("Creating demo data for {Municipality}…", Municipality);

        var notes = services.GetRequiredService<DemoCouncilNotes>();
        var thisYear = DateTime.UtcNow.Year;
        string? previous = null;
        for (var year = thisYear - 2; year <= thisYear; year++)
        {
            var current = year == thisYear;
            // Six clients with "andere jeugdhulp": a group below k, hidden in the use figures (issue 14).
            var waveId = await demo.CreateFieldingWaveAsync(Municipality, year, 4000, current, cancellationToken: cancellationToken, rareClients: 6);
            await demo.AnswerAsync(waveId, yearOffset: year - (thisYear - 2), share: current ? 0.6 : 1.0, cancellationToken: cancellationToken);
            if (current) continue;
            await demo.CloseAsync(waveId, cancellationToken);
            // A year on, the officer gives last year's actions a status; this year's report shows it beside the trend.
            if (previous is not null) await notes.FollowUpAsync(previous, cancellationToken);
            await notes.WriteAsync(waveId, Municipality, year, firstYear: previous is null, cancellationToken);
            // Published in year order, so the second year's report shows the trend against the first.
            await services.GetRequiredService<ReportPublication>().PublishAsync(waveId, null, DemoWaves.Actor, cancellationToken);
            previous = waveId;
        }
        // Issue 14: targets with the three verdicts on last year's report (a correction), and one explained gap year.
        if (previous is not null) await services.GetRequiredService<DemoYardstick>().SeedAsync(previous, Municipality, thisYear - 1, cancellationToken);
        logger.LogInformation("Demo data ready.");
    }
}

public static class DemoRegistration
{
    /// <summary>The demo seeder; it does nothing unless <c>Ervaring:Demo:Seed</c> is true (the start script sets it).</summary>
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemoWaves>();
        builder.Services.AddSingleton<DemoCouncilNotes>();
        builder.Services.AddSingleton<DemoYardstick>();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());
        return builder;
    }
}
