using System.Net;
using Ervaring.Core.Sampling;
using Ervaring.Functions.Municipalities;

namespace Ervaring.Functions.Pages.Admin.Help;

/// <summary>
/// The printable invitation letter (issue 20, point 7): one self-contained HTML file (its style and the municipality's
/// logo inside, so it prints the same from a folder) with the municipality's identity filled in and the family's own
/// parts left as merge fields named after the invitation export's columns: «link», «code», «privacyverklaring» and
/// «qrbestand» (the family's PNG in the QR zip, next to the merged letters). Nothing of a family is in the template.
/// </summary>
public static class LetterTemplate
{
    /// <summary>The merge fields in the letter; each is a column of the invitation export.</summary>
    public static readonly IReadOnlyList<string> MergeFields = ["link", "code", "privacyverklaring", "qrbestand"];

    private const string Style = """
        body{font-family:Arial,Helvetica,sans-serif;font-size:12pt;line-height:1.5;color:#000;max-width:17cm;margin:1.5cm auto}
        header{display:flex;align-items:center;gap:1rem;margin-bottom:2cm}
        header img{max-height:2cm;max-width:6cm}
        h1{font-size:16pt}
        .toegang{display:flex;gap:1cm;align-items:flex-start;border:1px solid #000;padding:.5cm;margin:1cm 0}
        .qr{width:4cm;height:4cm;border:1px dashed #555}
        .veld{font-family:"Courier New",monospace;font-weight:bold}
        @media print{body{margin:0}}
        """;

    public static string Html(MunicipalityIdentity municipality, MunicipalityLogo? logo, string audience, string publicBaseUrl)
    {
        var youth = audience == Audiences.JongerenName;
        string E(string text) => WebUtility.HtmlEncode(text);
        string Field(string name) => $"<span class=\"veld\">«{name}»</span>";
        var logoTag = logo is null ? "" : $"<img src=\"data:{E(logo.ContentType)};base64,{Convert.ToBase64String(logo.Content)}\" alt=\"Logo {E(municipality.DisplayName)}\">";
        var help = municipality.HasHelpLine
            ? $"Vragen? {(youth ? "Bel of mail" : "Bel of mail ons")}: {E(string.Join(" of ", new[] { municipality.HelpPhone, municipality.HelpEmail }.Where(x => x is not null)!))}{(municipality.HelpHours is { } hours ? $" ({E(hours)})" : "")}."
            : "Vragen? Neem contact op met de gemeente.";
        var you = youth ? "je" : "u";
        var lines = new List<string>
        {
            "<!DOCTYPE html>",
            "<html lang=\"nl\">",
            $"<head><meta charset=\"utf-8\"><title>Uitnodiging – {E(municipality.DisplayName)}</title><style>{Style}</style></head>",
            "<body>",
            $"<header>{logoTag}<p><strong>{E(municipality.DisplayName)}</strong></p></header>",
            "<main>",
            youth ? "<p>Hoi,</p>" : "<p>Beste ouder of verzorger,</p>",
            youth ? "<h1>Wat vind jij van je jeugdhulp?</h1>" : "<h1>Wat vindt u van de jeugdhulp voor uw kind?</h1>",
            youth
                ? "<p>Je krijgt jeugdhulp, of kreeg die het afgelopen jaar. We willen graag weten wat jij ervan vindt. Daarmee maken we de hulp beter. Het invullen duurt ongeveer tien minuten. Meedoen mag, het hoeft niet.</p>"
                : "<p>Uw kind krijgt jeugdhulp, of kreeg die het afgelopen jaar. We willen graag weten wat u ervan vindt. Daarmee maken we de hulp beter. Het invullen duurt ongeveer tien minuten. Meedoen mag, het hoeft niet.</p>",
            "<div class=\"toegang\">",
            $"<img class=\"qr\" src=\"«qrbestand»\" alt=\"QR-code met {(youth ? "jouw" : "uw")} persoonlijke link\">",
            "<div>",
            $"<p>Scan de QR-code met de camera van {(youth ? "je" : "uw")} telefoon. Of typ deze link over:<br>{Field("link")}</p>",
            $"<p>Lukt dat niet? Ga naar {E(publicBaseUrl)}/s en vul deze code in: {Field("code")}</p>",
            "</div>",
            "</div>",
            $"<p>{(youth ? "Je antwoorden zijn anoniem" : "Uw antwoorden zijn anoniem")}: niemand kan zien wat {you} hebt ingevuld. Hoe we met {(youth ? "je" : "uw")} gegevens omgaan, staat in de privacyverklaring: {Field("privacyverklaring")}</p>",
            $"<p>{help}</p>",
            "<p>Met vriendelijke groet,</p>",
            $"<p>{E(municipality.DisplayName)}</p>",
            "</main>",
            "</body>",
            "</html>",
        };
        return string.Join("\n", lines);
    }
}
