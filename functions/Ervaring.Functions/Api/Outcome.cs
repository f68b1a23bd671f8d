using Ervaring.Core.Waves;

namespace Ervaring.Functions.Api;

/// <summary>
/// Why a request could not be carried out: HTTP status and a Dutch title and detail. The one problem vocabulary of
/// the app: services return it (in an <see cref="Outcome{T}"/>), functions answer it with <see cref="ToResult"/>
/// (problem-details JSON, never a stack trace), pages show its detail.
/// </summary>
public sealed record Problem(int Status, string Title, string Detail, IDictionary<string, object?>? Extensions = null)
{
    /// <summary>Per field, what is wrong with it; answered as a validation problem (<c>errors</c> in the body).</summary>
    public IDictionary<string, string[]>? Errors { get; init; }

    public IResult ToResult() => Errors is null
        ? Results.Problem(statusCode: Status, title: Title, detail: Detail, extensions: Extensions)
        : Results.ValidationProblem(Errors, statusCode: Status, title: Title, detail: Detail, extensions: Extensions);

    public static Problem NotFound(string detail) => new(StatusCodes.Status404NotFound, "Niet gevonden", detail);
    public static Problem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Geen toegang", detail);
    public static Problem Conflict(string detail) => new(StatusCodes.Status409Conflict, "Kan nu niet", detail);
    public static Problem BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status400BadRequest, "Ongeldig verzoek", detail, extensions);
    public static Problem UnsupportedMediaType(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Verkeerd soort inhoud", detail);

    public static Problem Validation(IEnumerable<FieldError> errors) =>
        new(StatusCodes.Status400BadRequest, "Niet alle velden zijn goed ingevuld", "Verbeter de genoemde velden en probeer het opnieuw.")
        {
            Errors = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        };
}

/// <summary>A value, or the problem that prevented it. Services return these; functions and pages render them.</summary>
public sealed record Outcome<T>(T? Value, Problem? Problem)
{
    public bool Succeeded => Problem is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Problem problem) => new(default, problem);
}
