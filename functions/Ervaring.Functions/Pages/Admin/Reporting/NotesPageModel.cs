using Ervaring.Core.Reports.Council;
using Ervaring.Core.Waves;
using Ervaring.Storage.Council;

namespace Ervaring.Functions.Pages.Admin.Reporting;

/// <summary>
/// The page where the beheerder writes the report's words: interpretations, actions, the status of actions from
/// a published report, and the chosen quotes. <see cref="Form"/> names the form that failed, so its errors and
/// typed values come back at that form only.
/// </summary>
public sealed record NotesPageModel(WaveRecord Wave, WaveNotes Notes, IReadOnlyList<Quote> Quotes)
{
    public string? Form { get; init; }
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
    public IReadOnlyDictionary<string, string> Typed { get; init; } = new Dictionary<string, string>();
    public string? Done { get; init; }
    public string? ProblemText { get; init; }

    /// <summary>The interpretation form came back empty for one that exists: show "Ja, wis deze duiding".</summary>
    public bool AskToErase { get; init; }

    /// <summary>The idempotency key of the new-action form as rendered now: sent twice, that form saves one action.</summary>
    public string ActionFormKey { get; init; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public IReadOnlyList<string> ErrorsFor(string form, string field) =>
        Form == form ? Errors.Where(e => e.Field == field).Select(e => e.Message).ToList() : [];

    public string? Value(string form, string field) => Form == form ? Typed.GetValueOrDefault(field) : null;

    public bool CanEdit => Wave.State.Allows(WaveOperation.WriteReportText);
    public bool IsPublished => Wave.State == WaveState.Published;
}
