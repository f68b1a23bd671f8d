using System.Text.Json;
using Ervaring.Core.Reports;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Reports;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports;

public sealed record PublishedVersion(string Scope, string Slug, int Year, int Version, string Url);

/// <summary>
/// Publishes a closed wave: builds the report draft when there is none, composes the public reports, renders
/// HTML, CSV and JSON and writes them as a new immutable version per municipality (and region); then moves the
/// wave to "gepubliceerd". Publishing again is a correction: it needs a sentence saying what changed, and writes
/// a next version only for the reports whose content really changed (figures, words, quotes — not the date);
/// earlier versions are never touched.
/// Exactly once: the wave is claimed for the publication with its ETag before anything is written, so a second
/// request at the same moment is told a publication is under way, and a repeat afterwards that asks nothing new
/// is told the report is published already.
/// </summary>
public sealed class ReportPublication(
    WaveStore waves, ReportInputs inputs, WaveAggregation aggregation, ReportAggregateStore aggregates, ReportComposer composer,
    ReportRenderer renderer, ReportArchive archive, TimeProvider clock)
{
    public async Task<Outcome<IReadOnlyList<PublishedVersion>>> PublishAsync(string waveId, string? correction, string actor, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        if (await RefusalAsync(stored.Wave, correction, cancellationToken) is { } refused) return refused;
        var sentence = correction?.Trim();

        var claimed = await WaveSteps.ClaimAsync(waves, stored, "het rapport gepubliceerd", actor, clock.GetUtcNow(), cancellationToken);
        if (claimed.Problem is not null)
            // The request that beat this one may have finished already: then say what it did.
            return await waves.GetAsync(waveId, cancellationToken) is { Wave.Claim: null } fresh && await RefusalAsync(fresh.Wave, correction, cancellationToken) is { } now
                ? now
                : claimed.Problem;
        var claim = claimed.Value!.Wave.Claim!;
        try
        {
            var outcome = await PublishClaimedAsync(claimed.Value, sentence, actor, cancellationToken);
            if (!outcome.Succeeded) await WaveSteps.ReleaseAsync(waves, waveId, claim.Id);
            return outcome;
        }
        catch (WaveConflictException)
        {
            // The claim went stale and another run took the publication over; what this run wrote stays as an
            // unfinished version (no meta.json), which readers skip.
            return Problem.Conflict(WaveSteps.Changed);
        }
        catch
        {
            await WaveSteps.ReleaseAsync(waves, waveId, claim.Id);
            throw;
        }
    }

    /// <summary>How long a post from the publish form waits for a publication under way (its own first click) to finish.</summary>
    public static readonly TimeSpan FormWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FormPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Publishing from the page's form, which carries the versions it showed (<see cref="Seen"/>, written when the
    /// form was rendered). The same form sent again — a double click, two tabs' worth of one click, Back and send —
    /// answers as the first did: when the publication it asked for has happened since the form was shown (the first
    /// publication, or a correction with the same sentence), the answer is those versions, and nothing more is
    /// published. While the first is still under way the second waits for it (at most <see cref="FormWait"/>); if
    /// the first gave up, the second publishes. Anything else gets the publication's own answer.
    /// </summary>
    /// <param name="seen">The form's <see cref="Seen"/>; null for a post without it, which is published as the API does.</param>
    public async Task<Outcome<IReadOnlyList<PublishedVersion>>> PublishFromFormAsync(string waveId, string? correction, string? seen, string actor,
        CancellationToken cancellationToken)
    {
        var outcome = await PublishAsync(waveId, correction, actor, cancellationToken);
        if (outcome.Succeeded || seen is null || outcome.Problem!.Status != StatusCodes.Status409Conflict) return outcome;

        var waited = false;
        var stored = await waves.GetAsync(waveId, cancellationToken);
        for (var look = 0; stored?.Wave.Claim is not null && look < FormWait / FormPoll; look++, waited = true)
        {
            await Task.Delay(FormPoll, cancellationToken);
            stored = await waves.GetAsync(waveId, cancellationToken);
        }
        if (stored is null || stored.Wave.Claim is not null) return outcome;
        var latest = await LatestVersionsAsync(stored.Wave, cancellationToken);
        if (Seen(latest) != seen)
        {
            // Published since the form was shown: the first publication, asked for by a form that showed none; or a
            // correction, when a version since carries this form's sentence.
            var sentence = correction?.Trim();
            var asked = sentence is null
                ? seen.Length == 0
                : latest.Any(v => v.Correction == sentence && !SeenVersions(seen).Contains((v.Slug, v.Version)));
            if (asked) return latest.Select(Published).ToList();
        }
        // The request this one waited for did not publish (it failed or was stopped): now it is this one's turn.
        return waited ? await PublishAsync(waveId, correction, actor, cancellationToken) : outcome;
    }

    /// <summary>The latest published version of each of the wave's reports, as links.</summary>
    public async Task<IReadOnlyList<PublishedVersion>> LatestAsync(WaveRecord wave, CancellationToken cancellationToken) =>
        (await LatestVersionsAsync(wave, cancellationToken)).Select(Published).ToList();

    /// <summary>The versions a form shows, as it sends them back: "slug:version" per report, "" before the first publication.</summary>
    public static string Seen(IEnumerable<PublishedVersion> latest) => Seen(latest.Select(v => (v.Slug, v.Version)));

    private static string Seen(IReadOnlyList<VersionMeta> latest) => Seen(latest.Select(v => (v.Slug, v.Version)));

    private static string Seen(IEnumerable<(string Slug, int Version)> versions) =>
        string.Join(",", versions.OrderBy(v => v.Slug, StringComparer.Ordinal).Select(v => $"{v.Slug}:{v.Version}"));

    private static HashSet<(string, int)> SeenVersions(string seen) =>
        seen.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split(':'))
            .Where(p => p.Length == 2 && int.TryParse(p[1], out _))
            .Select(p => (p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToHashSet();

    private static PublishedVersion Published(VersionMeta meta) =>
        new(meta.Scope, meta.Slug, meta.Year, meta.Version, $"/raad/{meta.Slug}/{meta.Year}/v/{meta.Version}");

    /// <summary>Why this request cannot publish now (checked before claiming and again when another request won), or null.</summary>
    private async Task<Problem?> RefusalAsync(WaveRecord wave, string? correction, CancellationToken cancellationToken)
    {
        if (wave.State.WhyNot(WaveOperation.Publish) is { } notNow) return Problem.Conflict(notNow);
        if (wave.PurgedOn is null)
            return Problem.Conflict("De meting is nog niet helemaal afgesloten (koppelingen worden nog verwijderd). Probeer het straks opnieuw.");
        if (correction is { Length: > 1000 }) return Problem.BadRequest("Beschrijf de correctie in hoogstens 1000 tekens.");
        if (wave.State == WaveState.Closed)
            return correction is null ? null : Problem.BadRequest("Er is nog geen gepubliceerde versie om te corrigeren. Publiceer het rapport eerst zonder correctie.");
        if (correction is null)
        {
            var latest = await LatestVersionsAsync(wave, cancellationToken);
            var which = latest.Count == 0 ? "" : $" ({string.Join(", ", latest.Select(v => $"{v.Scope} versie {v.Version} van {Pages.Shared.Format.DutchDate(v.PublishedAt):dd-MM-yyyy}"))})";
            return Problem.Conflict($"Het rapport is al gepubliceerd{which}; er is niets opnieuw gepubliceerd. Een nieuwe versie publiceert u als correctie, " +
                                    "met in 'correction' één zin over wat er in die versie verandert.");
        }
        if (string.IsNullOrWhiteSpace(correction))
            return Problem.BadRequest("Schrijf in 'correction' in één zin wat er in deze nieuwe versie verandert; zonder die zin publiceren we geen nieuwe versie.");
        return null;
    }

    private async Task<Outcome<IReadOnlyList<PublishedVersion>>> PublishClaimedAsync(StoredWave claimed, string? correction, string actor, CancellationToken cancellationToken)
    {
        var waveId = claimed.Wave.Id;
        var draft = await aggregates.ReadAsync(waveId, AggregateStatus.Draft, cancellationToken);
        if (draft is null)
        {
            var computed = await aggregation.ComputeAsync(waveId, cancellationToken);
            if (computed.Problem is { } problem) return problem;
            draft = computed.Value!;
        }
        if (await inputs.LoadAsync(claimed.Wave, cancellationToken) is not { } input)
            return Problem.Conflict("De steekproefgegevens van deze meting ontbreken.");

        var now = clock.GetUtcNow();
        var year = claimed.Wave.Settings.Year;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var reports = await composer.ComposeAsync(input, draft, now, correction, VersionOfAsync, cancellationToken);
            if (claimed.Wave.State == WaveState.Published)
            {
                // A correction: only reports whose content changes get a new version; when none does, nothing is published.
                var changed = new List<PublicReport>();
                foreach (var report in reports)
                    if (!await SameAsLatestAsync(report, cancellationToken)) changed.Add(report);
                if (changed.Count == 0)
                    return Problem.Conflict("Deze nieuwe versie zou niets veranderen aan het gepubliceerde rapport (cijfers, duiding, acties en citaten zijn gelijk); " +
                                            "er is niets gepubliceerd. Pas eerst aan wat u wilt verbeteren en publiceer dan de correctie.");
                reports = changed;
            }
            var written = new List<PublishedVersion>();
            var lost = false;
            foreach (var report in reports)
            {
                if (!await WriteAsync(report, cancellationToken)) { lost = true; break; }
                written.Add(new PublishedVersion(report.Scope, report.Slug, report.Year, report.Version, $"/raad/{report.Slug}/{report.Year}/v/{report.Version}"));
            }
            if (lost) continue; // another wave's publication took the same version number at the same moment: take the next number
            var first = claimed.Wave.State == WaveState.Closed;
            await waves.UpdateAsync(claimed, claimed.Wave with { State = WaveState.Published, Claim = null }, actor,
                first ? "rapport gepubliceerd" : "nieuwe versie van het rapport gepubliceerd (correctie)", cancellationToken);
            return written;
        }
        return Problem.Conflict("Er werd tegelijk een andere versie gepubliceerd. Probeer het opnieuw.");

        async Task<(int, IReadOnlyList<PublicVersionLink>)> VersionOfAsync(string slug)
        {
            var next = await archive.HighestVersionAsync(slug, year, cancellationToken) + 1;
            var earlier = new List<PublicVersionLink>();
            foreach (var v in (await archive.ListAsync(slug, cancellationToken)).Where(v => v.Year == year).OrderByDescending(v => v.Version))
                if (await archive.ReadMetaAsync(slug, year, v.Version, cancellationToken) is { } meta)
                    earlier.Add(new PublicVersionLink(meta.Version, meta.PublishedAt, meta.Correction));
            return (next, earlier);
        }
    }

    /// <summary>The latest published version of each of the wave's reports.</summary>
    private async Task<IReadOnlyList<VersionMeta>> LatestVersionsAsync(WaveRecord wave, CancellationToken cancellationToken)
    {
        var latest = new List<VersionMeta>();
        var scopes = wave.Settings.Municipalities.Concat(wave.Settings.Municipalities.Count > 1 ? [wave.Settings.Region ?? "regio"] : Array.Empty<string>());
        foreach (var slug in scopes.Select(s => ReportComposer.SlugOf(wave, s)).Distinct())
        {
            var versions = (await archive.ListAsync(slug, cancellationToken)).Where(v => v.Year == wave.Settings.Year).ToList();
            if (versions.Count > 0 && await archive.ReadMetaAsync(slug, wave.Settings.Year, versions.Max(v => v.Version), cancellationToken) is { } meta)
                latest.Add(meta);
        }
        return latest;
    }

    /// <summary>
    /// Whether a report says the same as its latest published version: everything but the version's own facts
    /// (number, publication time, correction sentence, links to earlier versions, software version).
    /// </summary>
    private async Task<bool> SameAsLatestAsync(PublicReport report, CancellationToken cancellationToken)
    {
        var versions = (await archive.ListAsync(report.Slug, cancellationToken)).Where(v => v.Year == report.Year).ToList();
        if (versions.Count == 0) return false;
        var bytes = await archive.ReadAsync(ReportArchive.Name(report.Slug, report.Year, versions.Max(v => v.Version), ReportArchive.Json), cancellationToken);
        if (bytes is null || JsonSerializer.Deserialize<PublicReport>(bytes, ReportComposer.Json) is not { } latest) return false;
        return Content(latest) == Content(report);
    }

    private static string Content(PublicReport report) => JsonSerializer.Serialize(
        report with { Version = 0, PublishedAt = default, Correction = null, EarlierVersions = [], SoftwareVersion = "" }, ReportComposer.Json);

    /// <summary>HTML, CSV and JSON first, meta.json last; false when the version number was taken meanwhile.</summary>
    private async Task<bool> WriteAsync(PublicReport report, CancellationToken cancellationToken)
    {
        string Name(string file) => ReportArchive.Name(report.Slug, report.Year, report.Version, file);
        if (!await archive.TryCreateAsync(Name(ReportArchive.Html), await renderer.HtmlAsync(report), "text/html; charset=utf-8", cancellationToken)) return false;
        await archive.TryCreateAsync(Name(ReportArchive.Csv), OpenData.Csv(report), "text/csv; charset=utf-8", cancellationToken);
        await archive.TryCreateAsync(Name(ReportArchive.Json), OpenData.Json(report), "application/json; charset=utf-8", cancellationToken);
        // The council index lists reports by their meta.json scope: a supplementary wave's report says so there.
        var scope = report.Supplementary ? $"{report.Scope} (aanvullende meting)" : report.Scope;
        var meta = new VersionMeta(scope, report.Slug, report.Year, report.Version, report.PublishedAt, report.WaveId, report.Correction,
            report.EarlierVersions.Count == 0 ? null : report.EarlierVersions.Max(v => v.Version));
        await archive.TryCreateAsync(Name(ReportArchive.Meta), JsonSerializer.SerializeToUtf8Bytes(meta, ReportComposer.Json), "application/json; charset=utf-8", cancellationToken);
        return true;
    }
}
