namespace Ervaring.Functions.Api;

/// <summary>Why a request could not be carried out: HTTP status and a Dutch title and detail.</summary>
public sealed record Problem(int Status, string Title, string Detail, IDictionary<string, object?>? Extensions = null)
{
    public IResult ToResult() => Results.Problem(statusCode: Status, title: Title, detail: Detail, extensions: Extensions);

    public static Problem NotFound(string detail) => new(StatusCodes.Status404NotFound, "Niet gevonden", detail);
    public static Problem Conflict(string detail) => new(StatusCodes.Status409Conflict, "Kan nu niet", detail);
    public static Problem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Ongeldig verzoek", detail);
}

/// <summary>A value, or the problem that prevented it. Services return these; endpoints and pages render them.</summary>
public sealed record Outcome<T>(T? Value, Problem? Problem)
{
    public bool Succeeded => Problem is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Problem problem) => new(default, problem);
}
