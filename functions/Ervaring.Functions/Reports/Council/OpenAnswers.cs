using Ervaring.Core.Masking;
using Ervaring.Core.Reports.Council;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Api;
using Ervaring.Functions.Survey;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports.Council;

/// <summary>One masked open answer for the officer to read; quotable only when its cell has at least k respondents.</summary>
public sealed record OpenAnswer(string ResponseKey, string ItemId, string Question, string Audience, string Cell, int CellSize, bool Quotable, string Text);

public sealed record OpenAnswerPage(string WaveId, int Page, int Pages, int Total, int SuppressionThreshold, IReadOnlyList<OpenAnswer> Answers);

/// <summary>
/// The open answers of a wave, read from the anonymous response store and masked (e-mail, phone, BSN, address)
/// before anyone sees them; in pages of 50. Never cached, never written anywhere: the officer only reads them
/// here, and may choose a few as quotes (<see cref="QuoteSelection"/>).
/// </summary>
public sealed class OpenAnswers(WaveStore waves, ResponseStore responses, WaveDefinitions definitions)
{
    public const int PageSize = 50;

    public async Task<Outcome<OpenAnswerPage>> ReadAsync(string waveId, int page, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        var questions = new Dictionary<(string Audience, string Item), string>();
        foreach (var audience in stored.Wave.Definitions.Keys)
            if (await definitions.GetAsync(waveId, audience, cancellationToken) is { } definition)
                foreach (var item in definition.Items.Where(i => i.Type == ItemType.Open)) questions[(audience, item.Id)] = item.Text;

        var cells = new Dictionary<string, int>(StringComparer.Ordinal);
        var found = new List<(string Key, string Item, string Audience, string Cell, string Raw)>();
        await foreach (var (key, response) in responses.ListKeyedAsync(waveId, cancellationToken))
        {
            var cell = CellOf(response);
            cells[cell] = cells.GetValueOrDefault(cell) + 1;
            foreach (var ((audience, item), _) in questions.Where(q => q.Key.Audience == response.Audience))
                if (response.Answers.TryGetValue(item, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]))
                    found.Add((key, item, audience, cell, values[0]));
        }
        var k = stored.Wave.Settings.SuppressionThreshold;
        var pages = Math.Max(1, (found.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = found.OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Item, StringComparer.Ordinal)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(f => new OpenAnswer(f.Key, f.Item, questions[(f.Audience, f.Item)], f.Audience, f.Cell, cells[f.Cell], cells[f.Cell] >= k, Masked(f.Raw)))
            .ToList();
        return new OpenAnswerPage(waveId, page, pages, found.Count, k, shown);
    }

    /// <summary>One masked answer, for the quote form.</summary>
    public async Task<OpenAnswer?> FindAsync(string waveId, string responseKey, string itemId, CancellationToken cancellationToken)
    {
        if (await responses.GetAsync(waveId, responseKey, cancellationToken) is not { } response) return null;
        if (await definitions.GetAsync(waveId, response.Audience, cancellationToken) is not { } definition) return null;
        if (definition.Items.FirstOrDefault(i => i.Id == itemId && i.Type == ItemType.Open) is not { } item) return null;
        if (!response.Answers.TryGetValue(itemId, out var values) || values.Count == 0 || string.IsNullOrWhiteSpace(values[0])) return null;
        var cell = CellOf(response);
        var size = await CellSizeAsync(waveId, cell, cancellationToken);
        var k = (await waves.GetAsync(waveId, cancellationToken))?.Wave.Settings.SuppressionThreshold ?? int.MaxValue;
        return new OpenAnswer(responseKey, itemId, item.Text, response.Audience, cell, size, size >= k, Masked(values[0]));
    }

    /// <summary>How many respondents share a response's cell (audience · municipality · care type).</summary>
    public async Task<int> CellSizeAsync(string waveId, string cell, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var response in responses.ListAsync(waveId, cancellationToken))
            if (CellOf(response) == cell) count++;
        return count;
    }

    public static string CellOf(AnonymousResponse response) =>
        $"{Pages.Reports.ReportText.Who(response.Audience)} · {response.Municipality} · {response.CareType}";

    public static string Masked(string raw) => OpenTextMasker.Mask(PlainText.CleanLine(raw));
}
