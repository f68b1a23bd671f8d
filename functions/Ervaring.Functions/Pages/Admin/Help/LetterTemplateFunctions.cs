using System.Text;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Municipalities;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Security;
using Ervaring.Storage.Waves;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin.Help;

/// <summary>The printable letter template of a wave, per municipality and audience (<see cref="LetterTemplate"/>).</summary>
public sealed class LetterTemplateFunctions(WaveStore waves, MunicipalityDirectory municipalities, PublicBaseUrl publicBaseUrl)
{
    [Function("PagesLetterTemplate"), Beheerder, Page]
    public async Task<IResult> Letter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/metingen/{id}/brief.html")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(id, cancellationToken) is not { } stored) return WaveScopeGate.NotFoundPage(id);
        var wave = stored.Wave;
        var municipality = request.Query["gemeente"].ToString() is { Length: > 0 } asked ? asked : wave.Settings.Municipalities[0];
        var audience = request.Query["doelgroep"].ToString() is { Length: > 0 } who ? who : wave.Definitions.Keys.Order(StringComparer.Ordinal).First();
        if (!wave.Settings.Municipalities.Contains(municipality, StringComparer.Ordinal))
            return Refused(id, $"De gemeente in het adres (gemeente=…) hoort niet bij deze meting. Kies uit: {string.Join(", ", wave.Settings.Municipalities)}.");
        if (!wave.Definitions.ContainsKey(audience))
            return Refused(id, $"De doelgroep in het adres (doelgroep=…) hoort niet bij deze meting. Kies uit: {string.Join(", ", wave.Definitions.Keys.Order(StringComparer.Ordinal))}.");
        var identity = municipalities.For(municipality);
        var html = LetterTemplate.Html(identity, municipalities.Logo(identity.Slug), audience, publicBaseUrl.Value);
        return Results.File(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", $"brief-{Slugs.Of(municipality)}-{audience}.html");
    }

    private static IResult Refused(string id, string text) => Page<MessagePage>(new
    {
        Title = "Dit briefsjabloon bestaat niet",
        Text = text,
        BackHref = $"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}#downloads",
        BackText = "Terug naar de meting",
    }, StatusCodes.Status400BadRequest);
}
