using Ervaring.Core.Waves;

namespace Ervaring.Functions.Api;

/// <summary>
/// Shortcuts for functions that answer a <see cref="Problem"/> straight away (no service in between): each builds
/// the same <see cref="Problem"/> a service would return, so titles and bodies are the same everywhere.
/// </summary>
public static class ApiProblems
{
    public static IResult NotFound(string detail) => Problem.NotFound(detail).ToResult();

    public static IResult Conflict(string detail) => Problem.Conflict(detail).ToResult();

    public static IResult BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        Problem.BadRequest(detail, extensions).ToResult();

    public static IResult UnsupportedMediaType(string expected) =>
        Problem.UnsupportedMediaType($"Stuur de inhoud als {expected}.").ToResult();

    public static IResult Validation(IEnumerable<FieldError> errors) => Problem.Validation(errors).ToResult();
}
