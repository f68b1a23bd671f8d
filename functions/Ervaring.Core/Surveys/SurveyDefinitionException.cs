namespace Ervaring.Core.Surveys;

/// <summary>One thing wrong in a definition file.</summary>
/// <param name="File">File name as given to the loader.</param>
/// <param name="JsonPath">Where, e.g. <c>$.sections[1].items[0].showIf.item</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record SurveyDefinitionProblem(string File, string JsonPath, string Message)
{
    public override string ToString() => $"{File}: {JsonPath}: {Message}";
}

/// <summary>Thrown when one or more definition files are invalid; lists every problem found.</summary>
public sealed class SurveyDefinitionException : Exception
{
    public SurveyDefinitionException(IReadOnlyList<SurveyDefinitionProblem> problems)
        : base(BuildMessage(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<SurveyDefinitionProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<SurveyDefinitionProblem> problems) =>
        $"Invalid survey definition ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):"
        + Environment.NewLine
        + string.Join(Environment.NewLine, problems.Select(p => p.ToString()));
}
