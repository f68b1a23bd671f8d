using Ervaring.Core.Frames;
using Ervaring.Core.Invitations;
using Ervaring.Core.Sampling;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Security;
using Ervaring.Functions.Surveys;
using Ervaring.Functions.Waves;
using Ervaring.Storage;
using Ervaring.Storage.Exclusions;
using Ervaring.Storage.Frames;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Sampling;

/// <summary>From the client register to invitations: frame import, preview, the draw and the auditor's re-draw; a step stores all or nothing.</summary>
public sealed class SamplingService(
    WaveStore waves,
    FrameBlobStore frames,
    InvitationStore invitations,
    ClientHistoryStore history,
    BlobDocuments documents,
    SurveyDefinitionCatalog catalog,
    ServerSecrets secrets,
    TimeProvider clock)
{
    /// <summary>The longest list of rejected rows returned in one answer; the total is always given.</summary>
    public const int MaxReportedRows = 1000;

    public async Task<Outcome<FrameImportReport>> ImportFrameAsync(string waveId, byte[] csv, bool dropInvalid, string actor, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        var wave = stored.Wave;
        if (wave.State.WhyNot(WaveOperation.ChangeFrame) is { } notNow) return Problem.Conflict(notNow);

        var parsed = FrameParser.Parse(csv, SamplingDesigns.FrameOptions(wave.Settings));
        var rows = RowProblems(parsed);
        if (parsed.FileErrors.Count > 0 || parsed.Frame is null)
        {
            return new Problem(StatusCodes.Status422UnprocessableEntity, "Steekproefkader afgewezen",
                string.Join(" ", parsed.FileErrors.Select(e => e.ToString())),
                new Dictionary<string, object?> { ["fileErrors"] = parsed.FileErrors.Select(e => new { line = e.LineNumber, reason = e.Reason }).ToList() });
        }
        if (parsed.RowErrors.Count > 0 && !dropInvalid)
        {
            return new Problem(StatusCodes.Status422UnprocessableEntity, "Steekproefkader afgewezen",
                $"{parsed.RejectedRows} van de {parsed.DataRows} regels zijn afgekeurd. Er is niets opgeslagen. Verbeter het bestand, " +
                "of stuur het opnieuw met dropInvalid=true om de afgekeurde regels bewust weg te laten.",
                new Dictionary<string, object?> { ["dataRows"] = parsed.DataRows, ["rejectedRows"] = parsed.RejectedRows, ["errors"] = rows });
        }
        if (parsed.Frame.Count == 0)
            return new Problem(StatusCodes.Status422UnprocessableEntity, "Steekproefkader afgewezen", "Er blijft geen enkele geldige regel over.");

        var report = ReportOf(parsed);
        // The frame this wave already has (same SHA-256, same decision about rejected rows): a repeat changes nothing
        // and gets the same report. An earlier draw on it stays.
        if (IsCurrentFrame(wave, parsed.Fingerprint, report.DroppedInvalid)) return report;

        var claimed = await WaveSteps.ClaimAsync(waves, stored, "een steekproefkader ingelezen", actor, clock.GetUtcNow(), cancellationToken);
        if (claimed.Problem is not null)
            return await waves.GetAsync(waveId, cancellationToken) is { } fresh && IsCurrentFrame(fresh.Wave, parsed.Fingerprint, report.DroppedInvalid) ? report : claimed.Problem;
        var claim = claimed.Value!.Wave.Claim!;
        try
        {
            var blobName = FrameBlobStore.BlobName(waveId, parsed.Fingerprint);
            await frames.SaveAsync(blobName, csv, cancellationToken);
            // A new frame invalidates an earlier draw, and whatever a draw that crashed halfway left behind.
            await invitations.DeleteWaveAsync(waveId, cancellationToken);
            var updated = claimed.Value.Wave with
            {
                State = WaveState.Draft,
                Sample = null,
                Claim = null,
                Frame = new FrameInfo
                {
                    Fingerprint = parsed.Fingerprint,
                    BlobName = blobName,
                    DataRows = parsed.DataRows,
                    Accepted = parsed.Frame.Count,
                    Rejected = parsed.RejectedRows,
                    DroppedInvalid = parsed.RejectedRows > 0,
                    ImportedAt = clock.GetUtcNow(),
                },
            };
            await waves.UpdateAsync(claimed.Value, updated, actor,
                wave.State == WaveState.Draft ? "steekproefkader ingelezen" : "nieuw steekproefkader; eerdere steekproef vervalt", cancellationToken);
            return report;
        }
        catch (WaveConflictException)
        {
            return Problem.Conflict(WaveSteps.Changed);
        }
        catch
        {
            await WaveSteps.ReleaseAsync(waves, waveId, claim.Id);
            throw;
        }
    }

    /// <summary>
    /// The import report of the wave's stored frame: what its upload reported (counts, rejected rows, composition),
    /// read again from the file as stored, so the page can show it after redirecting from the upload.
    /// </summary>
    public async Task<Outcome<FrameImportReport>> ImportReportAsync(string waveId, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        if (stored.Wave.Frame is not { RawDeleted: false } frame) return Problem.Conflict("Er is geen steekproefkader (meer) om te tonen.");
        if (await frames.ReadAsync(frame.BlobName, cancellationToken) is not { } csv) return Problem.Conflict("Het steekproefkader ontbreekt in de opslag; lees het opnieuw in.");
        var parsed = FrameParser.Parse(csv, SamplingDesigns.FrameOptions(stored.Wave.Settings));
        return parsed.Frame is null ? Problem.Conflict("Het opgeslagen steekproefkader is niet te lezen.") : ReportOf(parsed);
    }

    private static FrameImportReport ReportOf(FrameParseResult parsed) =>
        new(parsed.Fingerprint, parsed.DataRows, parsed.Frame!.Count, parsed.RejectedRows, parsed.RejectedRows > 0, RowProblems(parsed), parsed.Composition);

    private static List<RowProblem> RowProblems(FrameParseResult parsed) =>
        parsed.RowErrors.Take(MaxReportedRows).Select(e => new RowProblem(e.LineNumber, e.Column, e.Reason)).ToList();

    private static bool IsCurrentFrame(WaveRecord wave, string fingerprint, bool droppedInvalid) =>
        wave.State.Allows(WaveOperation.ChangeFrame) && wave.Claim is null
        && wave.Frame is { RawDeleted: false } frame && frame.Fingerprint == fingerprint && frame.DroppedInvalid == droppedInvalid;

    /// <summary>What a draw would give now, per reporting domain (nothing is stored).</summary>
    public async Task<Outcome<IReadOnlyList<DomainCount>>> PreviewAsync(string waveId, CancellationToken cancellationToken)
    {
        var loaded = await LoadFrameAsync(waveId, cancellationToken);
        if (loaded.Problem is not null) return loaded.Problem;
        var (stored, frame) = loaded.Value!;
        var wave = stored.Wave;
        // The preview draws with a throw-away seed: sizes do not depend on the seed, only on N and the settings.
        var exclusions = await ExclusionsAsync(wave, frame, cancellationToken);
        var draw = Sampler.Draw(frame, SamplingDesigns.Design(wave.Settings), SamplingSeed.Generate(), 0, exclusions.Exclusions);
        return draw.Domains.Select(DomainCount.From).ToList();
    }

    /// <summary>
    /// Draws the sample and issues its invitations, exactly once: the wave is claimed for the draw with its ETag
    /// before anything is written, so a second request at the same moment is told a draw is under way. A repeat
    /// that asks nothing new (no seed, or the recorded seed and offset) on a drawn wave gets the recorded sample
    /// back; a different seed or offset is a deliberate new draw that replaces the invitations (until fielding).
    /// </summary>
    public async Task<Outcome<SampleReport>> DrawAsync(string waveId, string? seedHex, double? offset, string actor, CancellationToken cancellationToken)
    {
        var loaded = await LoadFrameAsync(waveId, cancellationToken);
        if (loaded.Problem is not null) return loaded.Problem;
        var (stored, frame) = loaded.Value!;
        var wave = stored.Wave;
        if (wave.State.WhyNot(WaveOperation.DrawSample) is { } notNow) return Problem.Conflict(notNow);
        if (offset is < 0 or >= 1 || (offset is { } o && double.IsNaN(o)))
            return Problem.BadRequest("De offset moet een getal van 0 tot 1 zijn.");
        SamplingSeed? requestedSeed = null;
        if (seedHex is not null)
        {
            try { requestedSeed = SamplingSeed.FromHex(seedHex); }
            catch (ArgumentException) { return Problem.BadRequest("De seed moet 64 hexadecimale tekens zijn (256 bits)."); }
        }
        if (IsRepeat(wave, requestedSeed, offset)) return await RecordedReportAsync(wave, cancellationToken);

        var claimed = await WaveSteps.ClaimAsync(waves, stored, "een steekproef getrokken", actor, clock.GetUtcNow(), cancellationToken);
        if (claimed.Problem is not null)
            return await waves.GetAsync(waveId, cancellationToken) is { } fresh && IsRepeat(fresh.Wave, requestedSeed, offset)
                ? await RecordedReportAsync(fresh.Wave, cancellationToken)
                : claimed.Problem;
        var claim = claimed.Value!.Wave.Claim!;
        IReadOnlyList<InvitationRecord> records = [];
        try
        {
            SamplingSeed seed;
            double chosenOffset;
            if (requestedSeed is not null)
            {
                seed = requestedSeed;
                chosenOffset = offset ?? 0;
            }
            else
            {
                (seed, chosenOffset) = await CoordinatedSeedAsync(wave, cancellationToken);
                if (offset is { } given) chosenOffset = given;
            }

            var design = SamplingDesigns.Design(wave.Settings);
            var exclusions = await ExclusionsAsync(wave, frame, cancellationToken);
            var draw = Sampler.Draw(frame, design, seed, chosenOffset, exclusions.Exclusions);
            var issued = InvitationPlanner.Issue(waveId, frame, draw, design, SamplingDesigns.AudienceRule(wave.Settings), secrets.TokenKey, secrets.HashPepper);
            var calibration = CalibrationCaptures.Of(wave.Settings, frame, design);
            records = CalibrationCaptures.Records(waveId, frame, issued, design, wave.Settings, calibration);

            var now = claim.Since;
            var audit = new SampleAuditRecord
            {
                WaveId = waveId,
                SeedHex = seed.Hex,
                Offset = chosenOffset,
                FrameFingerprint = wave.Frame!.Fingerprint,
                SampleFingerprint = SampleAuditRecord.Fingerprint(draw),
                DrawnAt = now,
                Strata = draw.Strata.Select(StratumCount.From).ToList(),
                Domains = draw.Domains.Select(DomainCount.From).ToList(),
                ExcludedOptOutHashes = exclusions.OptOutHashes,
                ExcludedRecentHashes = exclusions.RecentHashes,
                CalibrationCounts = calibration?.Counts,
            };
            var auditBlob = SampleAuditRecord.BlobName(waveId, now);

            // Under the claim nobody else draws: replace the invitations (also what a crashed run left), write the
            // audit record and the questionnaire snapshots, and only then move the wave to 'sampled', releasing the
            // claim in the same ETag-guarded write. A crash before that leaves the claim, which goes stale.
            await invitations.DeleteWaveAsync(waveId, cancellationToken);
            await invitations.SaveAsync(records, cancellationToken);
            await documents.SaveJsonAsync(StorageNames.Containers.Audit, auditBlob, audit, overwrite: true, cancellationToken);
            await SnapshotDefinitionsAsync(wave, cancellationToken);
            // Counting next to telling (issue 14): the frame's use figures, counts only, kept after the frame is gone.
            await Storage.UseFigures.UseFigureDocuments.SaveUseFiguresAsync(documents, Core.Reports.UseFigures.FrameUseFigures.Count(waveId, wave.Settings.Year, frame, design.AgeBands), cancellationToken);

            var sample = new SampleInfo
            {
                SeedHex = seed.Hex,
                Offset = chosenOffset,
                SampleFingerprint = audit.SampleFingerprint,
                Clients = draw.TotalSelected,
                Invitations = records.Count,
                DrawnAt = now,
                AuditBlob = auditBlob,
            };
            var retainUntil = DateOnly.FromDateTime(now.UtcDateTime).AddDays(wave.Settings.FrameRetentionDays);
            await waves.UpdateAsync(claimed.Value, claimed.Value.Wave with { State = WaveState.Sampled, Sample = sample, Claim = null, Frame = claimed.Value.Wave.Frame! with { RetainUntil = retainUntil } },
                actor, wave.State == WaveState.Sampled ? "steekproef opnieuw getrokken" : "steekproef getrokken", cancellationToken);
            return new SampleReport(seed.Hex, chosenOffset, audit.FrameFingerprint, audit.SampleFingerprint, draw.TotalSelected, records.Count, audit.Domains, audit.Strata);
        }
        catch (WaveConflictException)
        {
            // Our claim went stale and another run took the draw over: take back what this run wrote.
            await invitations.DeleteAsync(records, CancellationToken.None);
            return Problem.Conflict(WaveSteps.Changed);
        }
        catch
        {
            await WaveSteps.ReleaseAsync(waves, waveId, claim.Id);
            throw;
        }
    }

    /// <summary>A drawn wave asked to draw again with nothing new (no seed, or the recorded seed and offset).</summary>
    private static bool IsRepeat(WaveRecord wave, SamplingSeed? seed, double? offset) =>
        wave is { State: WaveState.Sampled, Claim: null, Sample: { } sample }
        && (seed is null || string.Equals(seed.Hex, sample.SeedHex, StringComparison.OrdinalIgnoreCase))
        && (offset is null || offset.Value == sample.Offset);

    /// <summary>The answer the draw gave, rebuilt from its audit record: the same body as the first time.</summary>
    private async Task<Outcome<SampleReport>> RecordedReportAsync(WaveRecord wave, CancellationToken cancellationToken)
    {
        var sample = wave.Sample!;
        if (await documents.ReadJsonAsync<SampleAuditRecord>(StorageNames.Containers.Audit, sample.AuditBlob, cancellationToken) is not { } audit)
            return Problem.Conflict("Het steekproefverslag ontbreekt in de opslag.");
        return new SampleReport(audit.SeedHex, audit.Offset, audit.FrameFingerprint, audit.SampleFingerprint, sample.Clients, sample.Invitations, audit.Domains, audit.Strata);
    }

    /// <summary>
    /// Re-draws from the recorded seed, offset and exclusions, on the retained raw frame or on a frame the
    /// auditor sends, and says whether the same clients come out in the same strata.
    /// </summary>
    public async Task<Outcome<VerificationReport>> VerifyAsync(string waveId, byte[]? auditorFrame, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        var wave = stored.Wave;
        if (wave.Sample is null) return Problem.Conflict("Er is voor deze meting nog geen steekproef getrokken.");
        var audit = await documents.ReadJsonAsync<SampleAuditRecord>(StorageNames.Containers.Audit, wave.Sample.AuditBlob, cancellationToken);
        if (audit is null) return Problem.Conflict("Het steekproefverslag ontbreekt in de opslag.");

        var csv = auditorFrame ?? (wave.Frame is { RawDeleted: false } info ? await frames.ReadAsync(info.BlobName, cancellationToken) : null);
        if (csv is null)
            return Problem.Conflict("Het ruwe steekproefkader is na de bewaartermijn verwijderd. Stuur het kader mee (text/csv) om opnieuw te trekken.");
        var parsed = FrameParser.Parse(csv, SamplingDesigns.FrameOptions(wave.Settings));
        if (parsed.Frame is null) return new Problem(StatusCodes.Status422UnprocessableEntity, "Steekproefkader onleesbaar", string.Join(" ", parsed.FileErrors));

        var optOut = audit.ExcludedOptOutHashes.ToHashSet(StringComparer.Ordinal);
        var recent = audit.ExcludedRecentHashes.ToHashSet(StringComparer.Ordinal);
        var exclusions = new Exclusions(
            parsed.Frame.Records.Where(r => optOut.Contains(secrets.ClientHash(r.ClientReference))).Select(r => r.ClientReference),
            parsed.Frame.Records.Where(r => recent.Contains(secrets.ClientHash(r.ClientReference))).Select(r => r.ClientReference));
        var redraw = Sampler.Draw(parsed.Frame, SamplingDesigns.Design(wave.Settings), SamplingSeed.FromHex(audit.SeedHex), audit.Offset, exclusions);

        var differences = new List<string>();
        var recorded = audit.Strata.ToDictionary(s => s.Key);
        foreach (var stratum in redraw.Strata)
        {
            if (!recorded.TryGetValue(stratum.Key, out var before))
                differences.Add($"Stratum '{stratum.Key}' komt niet voor in de oorspronkelijke trekking.");
            else if (before.PopulationSize != stratum.PopulationSize || before.SampleSize != stratum.SampleSize)
                differences.Add($"Stratum '{stratum.Key}': N_h {before.PopulationSize} → {stratum.PopulationSize}, n_h {before.SampleSize} → {stratum.SampleSize}.");
        }
        foreach (var missing in recorded.Keys.Except(redraw.Strata.Select(s => s.Key)))
            differences.Add($"Stratum '{missing}' ontbreekt bij de nieuwe trekking.");

        var frameMatches = parsed.Fingerprint == audit.FrameFingerprint;
        var sampleMatches = SampleAuditRecord.Fingerprint(redraw) == audit.SampleFingerprint;
        if (!frameMatches) differences.Insert(0, "Het kader is niet byte voor byte gelijk aan het oorspronkelijke (andere SHA-256).");
        if (!sampleMatches && differences.Count == 0) differences.Add("Dezelfde aantallen, maar andere cliënten getrokken.");

        // The sample that exists is the invitations: they must be exactly the recorded draw, each client once per audience.
        bool? invitationsMatch = null;
        if (wave.State.Allows(WaveOperation.UseInvitations))
        {
            var pairs = new List<(string, string)>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var count = 0;
            var duplicates = 0;
            await foreach (var invitation in invitations.ListAsync(waveId, cancellationToken))
            {
                count++;
                pairs.Add((invitation.StratumKey, invitation.ClientReference));
                if (!keys.Add($"{invitation.ClientReference}\t{invitation.Audience}")) duplicates++;
            }
            invitationsMatch = duplicates == 0 && count == wave.Sample.Invitations && SampleAuditRecord.Fingerprint(pairs) == audit.SampleFingerprint;
            if (invitationsMatch == false)
                differences.Add($"De uitnodigingen in de opslag ({count}, waarvan {duplicates} dubbel, voor {pairs.Select(p => p.Item2).Distinct().Count()} cliënten) " +
                                $"zijn niet precies de vastgelegde steekproef ({wave.Sample.Invitations} uitnodigingen voor {wave.Sample.Clients} cliënten).");
        }
        return new VerificationReport(sampleMatches && invitationsMatch != false, frameMatches, sampleMatches, parsed.Fingerprint, differences, invitationsMatch);
    }

    private async Task<Outcome<(StoredWave Stored, Frame Frame)>> LoadFrameAsync(string waveId, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        var wave = stored.Wave;
        if (wave.Frame is null) return Problem.Conflict("Lees eerst een steekproefkader in.");
        if (wave.Frame.RawDeleted) return Problem.Conflict("Het ruwe steekproefkader is na de bewaartermijn verwijderd.");
        var csv = await frames.ReadAsync(wave.Frame.BlobName, cancellationToken);
        if (csv is null) return Problem.Conflict("Het steekproefkader ontbreekt in de opslag; lees het opnieuw in.");
        var parsed = FrameParser.Parse(csv, SamplingDesigns.FrameOptions(wave.Settings));
        return (stored, parsed.Frame!);
    }

    private sealed record ExclusionSets(Exclusions Exclusions, IReadOnlyList<string> OptOutHashes, IReadOnlyList<string> RecentHashes);

    private async Task<ExclusionSets> ExclusionsAsync(WaveRecord wave, Frame frame, CancellationToken cancellationToken)
    {
        var optOuts = await history.OptOutHashesAsync(cancellationToken);
        var recent = await history.RecentlyContactedHashesAsync(wave.Settings.FieldStart, wave.Id, cancellationToken);
        var optOutRefs = new List<string>();
        var recentRefs = new List<string>();
        var optOutHashes = new List<string>();
        var recentHashes = new List<string>();
        foreach (var record in frame.Records)
        {
            var hash = secrets.ClientHash(record.ClientReference);
            if (optOuts.Contains(hash)) { optOutRefs.Add(record.ClientReference); optOutHashes.Add(hash); }
            else if (recent.Contains(hash)) { recentRefs.Add(record.ClientReference); recentHashes.Add(hash); }
        }
        return new ExclusionSets(new Exclusions(optOutRefs, recentRefs), optOutHashes.Order().ToList(), recentHashes.Order().ToList());
    }

    /// <summary>
    /// Negative coordination across years: the same municipalities keep their permanent seed, and the offset
    /// moves on by last time's sampling fraction, so next year's sample starts where last year's ended.
    /// </summary>
    private async Task<(SamplingSeed Seed, double Offset)> CoordinatedSeedAsync(WaveRecord wave, CancellationToken cancellationToken)
    {
        var key = MunicipalityKey(wave.Settings.Municipalities);
        var previous = (await waves.ListAsync(cancellationToken))
            .Where(w => w.Id != wave.Id && w.Sample is not null && w.Frame is not null && MunicipalityKey(w.Settings.Municipalities) == key && w.Settings.Year < wave.Settings.Year)
            .MaxBy(w => w.Settings.Year);
        if (previous is null) return (SamplingSeed.Generate(), PermanentRandomNumber.RandomOffset());
        var fraction = previous.Frame!.Accepted == 0 ? 0 : (double)previous.Sample!.Clients / previous.Frame.Accepted;
        return (SamplingSeed.FromHex(previous.Sample!.SeedHex), (previous.Sample.Offset + fraction) % 1.0);
    }

    private static string MunicipalityKey(IEnumerable<string> municipalities) =>
        string.Join("|", municipalities.Select(m => m.Trim().ToLowerInvariant()).Order(StringComparer.Ordinal));

    private async Task SnapshotDefinitionsAsync(WaveRecord wave, CancellationToken cancellationToken)
    {
        foreach (var (audience, reference) in wave.Definitions)
        {
            var json = catalog.RawJson(reference.Id, reference.Version);
            await documents.SaveBytesAsync(StorageNames.Containers.Definitions, DefinitionSnapshotName(wave.Id, audience),
                System.Text.Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", overwrite: true, cancellationToken);
        }
    }

    /// <summary>The questionnaire file as it was when the wave was sampled; the survey page renders from this.</summary>
    public static string DefinitionSnapshotName(string waveId, string audience) => $"{waveId}/{audience}.json";
}
