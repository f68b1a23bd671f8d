using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using Ervaring.Functions.Hosting.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Api;

/// <summary>
/// The admin API's OpenAPI description at <c>/api/openapi.json</c>, generated from the functions' own attributes
/// (route, methods, access, <c>[Described]</c>, <c>[Accepts]</c>, <c>[Returns]</c>) so it cannot drift from what
/// the app serves. Request and response bodies are described by JSON schemas made from the very records the
/// functions read and write, with the API's JSON conventions (camelCase, enums as names).
/// </summary>
public sealed class OpenApiDescription
{
    public const string Path = "/api/openapi.json";

    private static readonly Lazy<string> Document = new(() => Build(HttpFunctionCatalog.Instance).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    [Function("OpenApi")]
    [Public("It describes the API; it holds no data.")]
    public static IResult Serve([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request) =>
        Results.Text(Document.Value, "application/json; charset=utf-8");

    public static JsonObject Build(HttpFunctionCatalog catalog)
    {
        var schemaOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
            // The schema exporter needs the resolver named (it does not fill in the reflection default itself).
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        var paths = new JsonObject();
        foreach (var function in catalog.Http.Values.Where(f => f.IsApi && f.Method.GetCustomAttribute<DescribedAttribute>() is not null)
                     .OrderBy(f => f.Route, StringComparer.Ordinal))
        {
            var described = function.Method.GetCustomAttribute<DescribedAttribute>()!;
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(function.Route, @"\{(\w+)(:[^}]*)?\}", "{$1}");
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            foreach (var method in function.Methods)
            {
                var operation = new JsonObject
                {
                    ["operationId"] = function.Name,
                    ["tags"] = new JsonArray(described.Tag),
                    ["summary"] = described.Summary,
                    ["description"] = function.Access!.Level == Access.Public ? "Openbaar." : $"Rol: {function.Access.Level.ToString().ToLowerInvariant()}.",
                };
                var parameters = new JsonArray();
                foreach (var name in System.Text.RegularExpressions.Regex.Matches(function.Route, @"\{(\w+)").Select(m => m.Groups[1].Value))
                    parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
                if (parameters.Count > 0) operation["parameters"] = parameters;
                if (function.Method.GetCustomAttribute<AcceptsAttribute>() is { } accepts)
                    operation["requestBody"] = new JsonObject { ["content"] = new JsonObject { [accepts.ContentType] = Content(accepts.BodyType, schemaOptions) } };
                var responses = new JsonObject();
                foreach (var returns in function.Method.GetCustomAttributes<ReturnsAttribute>())
                {
                    var response = new JsonObject { ["description"] = Describe(returns.Status) };
                    var contentType = returns.Status >= 400 ? "application/problem+json" : returns.ContentType;
                    response["content"] = new JsonObject { [contentType] = Content(returns.Status >= 400 ? typeof(ProblemBody) : returns.BodyType, schemaOptions) };
                    responses[returns.Status.ToString()] = response;
                }
                if (function.Access.Level != Access.Public)
                {
                    responses["401"] ??= new JsonObject { ["description"] = Describe(401) };
                    responses["403"] ??= new JsonObject { ["description"] = Describe(403) };
                }
                operation["responses"] = responses;
                item[method.ToLowerInvariant()] = operation;
            }
        }
        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "Ervaring – beheer-API",
                ["version"] = "v1",
                ["description"] = "Metingen, steekproefkader, steekproef, uitnodigingen, veldwerk en rapportage. " +
                                  "Authenticatie met de header X-Api-Key (of de platformidentiteit in Azure). Fouten zijn problem-details JSON in het Nederlands.",
            },
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["apiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-Api-Key" } },
            },
            ["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }),
            ["paths"] = paths,
        };
    }

    private static JsonObject Content(Type? type, JsonSerializerOptions options) =>
        type is null ? new JsonObject() : new JsonObject { ["schema"] = options.GetJsonSchemaAsNode(type) };

    private static string Describe(int status) => status switch
    {
        200 => "Gelukt",
        201 => "Aangemaakt",
        400 => "Ongeldig verzoek",
        401 => "Niet ingelogd",
        403 => "Geen toegang",
        404 => "Niet gevonden",
        409 => "Kan nu niet (de toestand van de meting laat het niet toe, of het gebeurde al)",
        413 => "Te groot",
        415 => "Verkeerd soort inhoud",
        422 => "Niet te verwerken (met de regels en redenen)",
        503 => "Even niet beschikbaar",
        _ => "Antwoord",
    };

    /// <summary>The problem-details shape every API error has (RFC 9457), with Dutch title and detail.</summary>
    public sealed record ProblemBody(string? Type, string Title, int Status, string Detail, IDictionary<string, string[]>? Errors);
}

