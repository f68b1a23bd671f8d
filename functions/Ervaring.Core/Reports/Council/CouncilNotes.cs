namespace Ervaring.Core.Reports.Council;

/// <summary>
/// The officer's interpretation ("duiding") of one figure of one report: a headline indicator (dimension "totaal")
/// or a breakdown of it. Plain text (see <see cref="PlainText"/>); stored with the draft, published with the version.
/// </summary>
public sealed record Interpretation(string Scope, string Audience, string Measure, string Dimension, string Text);

/// <summary>An improvement action ("verbeteractie") the college commits to, linked to one or more indicators.</summary>
/// <param name="Who">College, a team, a group of providers …</param>
public sealed record ImprovementAction(string Id, string Scope, IReadOnlyList<string> Measures, string What, string Who, DateOnly Due);

/// <summary>A year later: how an action went. Stored with the wave whose report promised the action.</summary>
public sealed record ActionFollowUp(string ActionId, string Status, string Note, DateTimeOffset UpdatedAt);

public static class ActionStatus
{
    public const string Done = "gedaan";
    public const string Running = "loopt";
    public const string Dropped = "vervallen";

    public static readonly IReadOnlyList<string> All = [Done, Running, Dropped];

    public static string Dutch(string status) => status switch
    {
        Done => "Gedaan",
        Running => "Loopt nog",
        Dropped => "Vervallen",
        _ => "Nog geen stand bekend",
    };
}

/// <summary>
/// A quote chosen for publication from a masked open answer. It holds only the final text (the masked answer, or
/// the officer's paraphrase — never both), the theme and the cell it came from; nothing that points back to the
/// response. It is published only once <see cref="Approved"/>.
/// </summary>
/// <param name="Cell">Audience · municipality · care type of the respondent, a cell with at least k respondents.</param>
public sealed record Quote(string Id, string Scope, string Audience, string Theme, string Cell, string Text, bool Paraphrased, bool Approved, DateTimeOffset ChosenAt);

public static class QuoteThemes
{
    public static readonly IReadOnlyList<(string Id, string Label)> All =
    [
        ("toegang", PlainLabels.Indicator("toegang")),
        ("kwaliteit", PlainLabels.Indicator("kwaliteit")),
        ("effect", PlainLabels.Indicator("effect")),
        ("overig", "Overig"),
    ];

    public static string Label(string id) => All.FirstOrDefault(t => t.Id == id).Label ?? id;
}

/// <summary>The limits of what an officer may type; checked by the services, shown next to the fields.</summary>
public static class CouncilNoteLimits
{
    public const int InterpretationChars = 2000;
    public const int ActionChars = 500;
    public const int WhoChars = 200;
    public const int FollowUpChars = 500;
    public const int QuoteChars = 400;
}
