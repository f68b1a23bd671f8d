using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Pages.Privacy;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Municipalities;

/// <summary>
/// Who is asking, in public: each municipality's logo (on every survey page) and its privacy statement (AVG art.
/// 13/14), which a family must be able to read before it opens its link, so neither needs a token. Both come only from
/// configuration; they show nothing about waves, invitations or answers. Not in the API description: page and image.
/// </summary>
public sealed class MunicipalityFunctions(MunicipalityDirectory municipalities)
{
    [Function("MunicipalityLogo")]
    [Public("A municipality's logo from configuration, shown on its survey pages before and after the token; it reveals nothing about any family.")]
    public IResult Logo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "gemeente/{slug}/logo")] HttpRequest request, string slug)
    {
        if (municipalities.Logo(slug) is not { } logo) return Results.NotFound();
        // A logo changes with a new configuration, and then its ETag changes too: a day of caching with revalidation.
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(logo.Content, logo.ContentType, entityTag: new EntityTagHeaderValue(logo.ETag));
    }

    [Function("PrivacyIndex"), Page]
    [Public("The general privacy statement and the list of municipalities' statements: the law wants it readable before anyone answers.")]
    public IResult Index([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "privacy")] HttpRequest request) =>
        Statement(request, null);

    [Function("PrivacyStatement"), Page]
    [Public("A municipality's privacy statement, generated from configuration; readable without a token, as the law wants.")]
    public IResult ForMunicipality([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "privacy/{slug}")] HttpRequest request, string slug) =>
        municipalities.BySlug(slug) is { } municipality ? Statement(request, municipality) : Results.NotFound();

    private IResult Statement(HttpRequest request, MunicipalityIdentity? municipality)
    {
        // Public and the same for everyone: caching is fine (the survey pages themselves are never cached).
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        return Page<PrivacyPage>(new
        {
            Identity = municipality,
            Municipalities = municipalities.All,
            municipalities.Processor,
            Youth = request.Query[PrivacyPages.AudienceParameter] == "jongeren",
        });
    }
}

public static class MunicipalityRegistration
{
    public static IHostApplicationBuilder AddMunicipalities(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MunicipalityDirectory>();
        return builder;
    }
}
