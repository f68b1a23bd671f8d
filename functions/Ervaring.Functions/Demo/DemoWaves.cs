using Ervaring.Core.Demo;
using Ervaring.Core.Invitations;
using Ervaring.Core.Waves;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Security;
using Ervaring.Functions.Survey;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Demo;

/// <summary>
/// Synthetic waves through the real services — create, import a synthetic register, draw, start fielding, answer
/// through the survey session, close — for the demo and for tests that need a municipality with history.
/// </summary>
public sealed class DemoWaves(IServiceProvider services)
{
    public const string Actor = "demo";

    /// <param name="current">
    /// The year now in the field (field period around today, started on its planned day ten days ago) instead of a
    /// closed spring period.
    /// </param>
    /// <param name="census">Invite every client (integraal) instead of a sample.</param>
    /// <param name="rareClients">
    /// Clients added to the register with "andere jeugdhulp" and care that began three years earlier: a group smaller
    /// than k, so the demo report shows use figures hidden by disclosure control (issue 14).
    /// </param>
    public async Task<string> CreateFieldingWaveAsync(string municipality, int year, int clients, bool current = false, bool census = false,
        CancellationToken cancellationToken = default, int rareClients = 0, int? questionnaireVersion = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (id, settings) = await CreateSampledWaveAsync(municipality, year, clients,
            current ? today.AddDays(-10) : new DateOnly(year, 3, 1), current ? today.AddDays(30) : new DateOnly(year, 4, 30), census, cancellationToken, rareClients, questionnaireVersion);
        var start = current
            ? ActivatorUtilities.CreateInstance<FieldingStart>(services, (TimeProvider)new DemoDayClock(settings.FieldStart))
            : services.GetRequiredService<FieldingStart>();
        await start.StartAsync(id, Actor, cancellationToken);
        return id;
    }

    /// <summary>A wave created, with a synthetic register read and its sample drawn: ready for the letters and the start.</summary>
    public async Task<(string Id, WaveSettings Settings)> CreateSampledWaveAsync(string municipality, int year, int clients, DateOnly fieldStart, DateOnly fieldEnd,
        bool census = false, CancellationToken cancellationToken = default, int rareClients = 0, int? questionnaireVersion = null)
    {
        var settings = new WaveSettings
        {
            Name = $"Cliëntervaringsonderzoek jeugd {year} {municipality}",
            Municipalities = [municipality],
            Year = year,
            FieldStart = fieldStart,
            FieldEnd = fieldEnd,
            ReferenceDate = fieldStart,
            Census = census,
            QuestionnaireVersion = questionnaireVersion,
        };
        var created = await services.GetRequiredService<WaveCreation>().CreateAsync(settings, Actor, cancellationToken);
        if (created.Value is not { } wave) throw new InvalidOperationException(created.Problem!.Detail);
        var sampling = services.GetRequiredService<SamplingService>();
        // A different register each year (clients come and go), with made-up references per year.
        var prefix = new string(municipality.Where(char.IsAsciiLetterUpper).Take(2).ToArray()).PadRight(2, 'X');
        var frame = SyntheticRegister.Csv(clients, [municipality], year, seed: year ^ municipality.Length, referencePrefix: $"{prefix}{year % 100:D2}");
        if (rareClients > 0)
            frame = [.. frame, .. System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, rareClients).Select(i =>
                $"{prefix}{year % 100:D2}-R{i:D5};{year - 10};{municipality};overig;huisarts;AB001;{year - 3}-01-15;\r\n")))];
        var import = await sampling.ImportFrameAsync(wave.Id, frame, dropInvalid: true, Actor, cancellationToken);
        if (!import.Succeeded) throw new InvalidOperationException(import.Problem!.Detail);
        var draw = await sampling.DrawAsync(wave.Id, null, null, Actor, cancellationToken);
        if (!draw.Succeeded) throw new InvalidOperationException(draw.Problem!.Detail);
        return (wave.Id, settings);
    }

    /// <summary>
    /// Families answer (or not) through the real survey session, with unequal response by stratum. When the fieldwork
    /// started before today, the answers are spread over the days since, most of them early (as after a letter).
    /// </summary>
    /// <param name="openAnswer">Optional text for the open questions (else the synthetic answers').</param>
    /// <param name="careTypeCap">
    /// Optional most completed answers per care type and audience: a test that needs a small group makes one of a
    /// known size (a small response share would leave it empty as often as not).
    /// </param>
    public async Task<int> AnswerAsync(string waveId, int yearOffset, double share, Func<int, string?>? openAnswer = null,
        Func<string, int?>? careTypeCap = null, CancellationToken cancellationToken = default)
    {
        var invitations = services.GetRequiredService<InvitationStore>();
        var session = services.GetRequiredService<SurveySession>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var started = (await services.GetRequiredService<WaveStore>().GetAsync(waveId, cancellationToken))?.Wave.FieldingStartedOn ?? today;
        var fieldDays = Math.Max(0, today.DayNumber - started.DayNumber);
        var sessionsPerDay = new Dictionary<DateOnly, SurveySession>();
        var secrets = services.GetRequiredService<ServerSecrets>();
        var random = new Random(waveId.GetHashCode(StringComparison.Ordinal) ^ yearOffset);
        var list = new List<InvitationRecord>();
        await foreach (var invitation in invitations.ListAsync(waveId, cancellationToken)) list.Add(invitation);
        var completed = 0;
        var completedPerGroup = new Dictionary<(string CareType, string Audience), int>();
        foreach (var invitation in list.OrderBy(i => i.InvitationId, StringComparer.Ordinal))
        {
            if (random.NextDouble() > share * SyntheticRespondents.ResponsePropensity(invitation.CareType, invitation.AgeBand, invitation.Audience)) continue;
            var group = (invitation.CareType, invitation.Audience);
            if (careTypeCap?.Invoke(invitation.CareType) is { } cap && completedPerGroup.GetValueOrDefault(group) >= cap) continue;
            var token = DerivedTokens.LinkToken(secrets.TokenKey, waveId, invitation.InvitationId);
            // Only waves started before today draw a day, so the others answer exactly as before.
            var day = fieldDays == 0 ? today : started.AddDays((int)Math.Round(fieldDays * Math.Pow(random.NextDouble(), 2)));
            var daySession = day == today ? session
                : sessionsPerDay.TryGetValue(day, out var known) ? known
                : sessionsPerDay[day] = ActivatorUtilities.CreateInstance<SurveySession>(services, (TimeProvider)new DemoDayClock(day));
            var opened = await daySession.OpenAsync(token, null, cancellationToken);
            if (opened.Context is null) continue;
            if (random.NextDouble() < 0.03)
            {
                await daySession.RefuseAsync(opened.Context, cancellationToken);
                continue;
            }
            var answers = SyntheticRespondents.Answers(opened.Context.BaseDefinition, invitation.CareType, yearOffset, random);
            if (openAnswer?.Invoke(completed) is { } text)
                foreach (var open in opened.Context.BaseDefinition.Items.Where(i => i.Type == Core.Surveys.ItemType.Open)) answers[open.Id] = [text];
            var items = opened.Context.BaseDefinition.Items.Select(i => i.Id).ToList();
            await daySession.SubmitAsync(opened.Context, answers, items, random.NextDouble() < 0.1 ? ResponseModes.Paper : ResponseModes.Web, cancellationToken);
            completed++;
            completedPerGroup[group] = completedPerGroup.GetValueOrDefault(group) + 1;
        }
        await services.GetRequiredService<ResponseMixing>().MixAsync(waveId, force: false, cancellationToken);
        return completed;
    }

    public async Task CloseAsync(string waveId, CancellationToken cancellationToken = default) =>
        await services.GetRequiredService<WaveClosing>().CloseAsync(waveId, Actor, cancellationToken);
}
