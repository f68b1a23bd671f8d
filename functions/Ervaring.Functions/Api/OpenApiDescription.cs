using Microsoft.OpenApi;

namespace Ervaring.Functions.Api;

/// <summary>
/// The admin API's OpenAPI description at <c>/api/openapi.json</c>, generated from the endpoints themselves
/// so it cannot drift from what the app serves. Public by decision: it describes the API, it holds no data.
/// </summary>
public static class OpenApiDescription
{
    public const string Path = "/api/openapi.json";

    public static WebApplicationBuilder AddOpenApiDescription(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Ervaring – beheer-API",
                    Version = "v1",
                    Description = "Metingen, steekproefkader, steekproef, uitnodigingen, veldwerk en rapportage. " +
                                  "Authenticatie met de header X-Api-Key (of de platformidentiteit in Azure). Fouten zijn problem-details JSON in het Nederlands.",
                };
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapOpenApiDescription(this WebApplication app)
    {
        app.MapOpenApi(Path).AllowAnonymous();
        return app;
    }
}
