using Ervaring.Core.Waves;

namespace Ervaring.Functions.Api;

/// <summary>The API's error answers: problem-details JSON with a Dutch title and detail, never a stack trace.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden", detail: detail);

    public static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Kan nu niet", detail: detail);

    public static IResult BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Ongeldig verzoek", detail: detail, extensions: extensions);

    public static IResult Unprocessable(string title, string detail, IDictionary<string, object?> extensions) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail, extensions: extensions);

    public static IResult UnsupportedMediaType(string expected) =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Verkeerd soort inhoud",
            detail: $"Stuur de inhoud als {expected}.");

    public static IResult Validation(IEnumerable<FieldError> errors) =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "Niet alle velden zijn goed ingevuld",
            detail: "Verbeter de genoemde velden en probeer het opnieuw.");
}
