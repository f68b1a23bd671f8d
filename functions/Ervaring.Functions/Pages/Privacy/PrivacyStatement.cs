using Ervaring.Core.Disclosure;
using Ervaring.Core.Waves;
using Ervaring.Functions.Municipalities;

namespace Ervaring.Functions.Pages.Privacy;

/// <summary>One line of the statement: text, optionally followed by a link.</summary>
public sealed record PrivacyLine(string Text, string? LinkText = null, string? Href = null);

public sealed record PrivacySection(string Id, string Heading, IReadOnlyList<PrivacyLine> Lines, bool AsList = false);

/// <summary>
/// The privacy statement (AVG articles 13 and 14) of one municipality, in B1 Dutch, for parents ("u") or young people
/// ("je"). Made from configuration (who: the municipality, its privacy contact and data protection officer, the
/// processor) and from what this app really does (what it stores and for how long: docs/architecture.md "The rules",
/// the retention jobs, <see cref="WaveSettings"/>). A claim here that the code stops keeping is a bug in both.
/// </summary>
public static class PrivacyStatement
{
    public const string SupervisorUrl = "https://www.autoriteitpersoonsgegevens.nl";

    /// <param name="municipality">Null for the general statement, before anyone knows whose letter it was.</param>
    public static IReadOnlyList<PrivacySection> For(MunicipalityIdentity? municipality, string? processor, bool youth)
    {
        string W(string text) => youth ? Youth(text) : Parents(text);
        var who = municipality?.DisplayName ?? "De gemeente die {u} de brief stuurde";
        var whoInSentence = municipality?.DisplayName ?? "de gemeente die {u} de brief stuurde";
        var k = DisclosureControl.DefaultMinimumRespondents;
        var sections = new List<PrivacySection>
        {
            new("wie", "Wie is verantwoordelijk?",
            [
                new(W($"{who} is verantwoordelijk voor dit onderzoek en voor {{uw}} gegevens. In de privacywet (AVG) heet dat de verwerkingsverantwoordelijke.")),
            ]),
            new("waarom", "Waarom doen we dit onderzoek?",
            [
                new(W("Volgens de Jeugdwet moet de gemeente elk jaar onderzoeken hoe ouders en jongeren de jeugdhulp ervaren. Met de antwoorden maakt de gemeente de jeugdhulp beter.")),
                new(W("De gemeente vertelt de gemeenteraad en alle inwoners wat er uit het onderzoek kwam. Dat verslag bevat geen namen en geen uitkomsten van kleine groepen.")),
                new(W($"De gemeente mag {{uw}} gegevens hiervoor gebruiken omdat de wet haar deze taak geeft: het is een taak van algemeen belang (AVG artikel 6, lid 1, onder e). Meedoen is vrijwillig. Wie niet meedoet, houdt gewoon de hulp die hij of zij krijgt.")),
            ]),
            new("welke", "Welke gegevens gebruiken we?",
            [
                new(W("Om te kiezen wie een brief krijgt: een lijst uit de administratie van de gemeente met een nummer (geen naam), het geboortejaar of de leeftijd, de gemeente, de soort hulp, wie {u} doorverwees, de aanbieder en de begin- en einddatum van de hulp.")),
                new(W("{Uw} antwoorden op de vragen.")),
                new(W("Bij {uw} antwoorden bewaren we alleen: de gemeente, de soort hulp, de leeftijdsgroep (bijvoorbeeld 12 tot en met 17 jaar), wie {u} doorverwees en of {u} online, op papier of aan de telefoon antwoordde.")),
            ], AsList: true),
            new("niet", "Wat gebruiken we niet?",
            [
                new(W("Geen naam, adres, burgerservicenummer (BSN), e-mailadres of telefoonnummer. Die staan niet in de lijst. De gemeente stuurt de brieven zelf.")),
                new(W("Bij {uw} antwoorden bewaren we niet wanneer {u} ze gaf, en ook niet de link of de code uit de brief.")),
                new(W("We bewaren {uw} IP-adres niet. Tegen misbruik tellen we alleen even, onherkenbaar gemaakt, hoe vaak iemand een verkeerde code probeert.")),
                new(W("De pagina's van de vragenlijst zetten geen cookies.")),
                new(W($"Wat {{u}} zelf typt, wordt nooit zo openbaar. Onderzoekers van de gemeente lezen het pas nadat e-mailadressen, telefoonnummers, BSN's, postcodes en huisnummers automatisch zijn weggehaald. Een enkel antwoord kan de gemeente zonder zulke gegevens als citaat in het verslag zetten, maar alleen uit een groep van minstens {k} mensen.")),
            ], AsList: true),
            new("bewaren", "Hoe lang bewaren we gegevens?",
            [
                new(W($"De lijst uit de administratie: we verwijderen die {WaveSettings.DefaultFrameRetentionDays} dagen nadat de computer heeft gekozen wie een brief krijgt. De gemeente kan een andere termijn kiezen, maar nooit langer dan {WaveSettings.MaxFrameRetentionDays / 365} jaar.")),
                new(W("Welk nummer bij welke link of code hoort: we verwijderen dat als het onderzoek sluit. Daarna kan niemand {uw} antwoorden nog aan {u} koppelen.")),
                new(W("Op welke dag {u} de vragenlijst invulde (zonder tijd): bij {uw} nummer tot het onderzoek sluit. Daarna tellen we alleen nog hoeveel mensen op elke dag invulden.")),
                new(W("Dat {u} een brief kreeg: 13 maanden, onherkenbaar gemaakt. Zo vragen we {u} niet elk jaar opnieuw.")),
                new(W("Dat {u} niet wilt meedoen: onherkenbaar gemaakt, zolang de gemeente dit onderzoek doet. Zo vragen we het {u} niet opnieuw.")),
                new(W("{Uw} antwoorden, zonder nummer, link of tijdstip: die bewaren we, zodat de gemeente de jaren kan vergelijken. Het verslag voor de gemeenteraad blijft openbaar.")),
            ], AsList: true),
            new("verwerker", "Wie verwerkt de gegevens?",
            [
                new(processor is null
                    ? W($"{Capital(whoInSentence)} voert het onderzoek zelf uit.")
                    : W($"{processor} voert het onderzoek uit voor {whoInSentence}. Dat heet een verwerker. De verwerker mag de gegevens alleen gebruiken voor dit onderzoek, zoals de gemeente dat vraagt.")),
                new(W("De gegevens staan in een beveiligde omgeving in de cloud (Microsoft Azure). Alleen medewerkers die aan het onderzoek werken, kunnen erbij.")),
            ]),
            new("rechten", W("Wat zijn {uw} rechten?"),
            [
                new(W("{U} mag vragen welke gegevens we van {u} hebben, en ze laten verbeteren of verwijderen. {U} mag ook bezwaar maken of vragen om de gegevens even niet te gebruiken.")),
                new(W("Niet meedoen? Kies in de vragenlijst 'Ik wil niet meedoen'. Dan komt er geen herinnering meer.")),
                new(W("Let op: als het onderzoek gesloten is, weet niemand meer welke antwoorden van {u} zijn. Dan kunnen we ze niet meer laten zien of verwijderen.")),
                Contact(W("Een verzoek of een vraag over privacy? Neem contact op met de gemeente:"), municipality?.PrivacyContact, W("Staat hier geen adres? Neem dan contact op met de gemeente die {u} de brief stuurde.")),
                new(W("Niet tevreden over hoe de gemeente met {uw} gegevens omgaat? Dan mag {u} een klacht indienen bij de"), "Autoriteit Persoonsgegevens", SupervisorUrl),
            ], AsList: true),
            new("fg", "Functionaris gegevensbescherming",
            [
                new(municipality?.DataProtectionOfficer is { } officer
                    ? W($"De functionaris gegevensbescherming van de gemeente let erop dat de gemeente zich aan de privacywet houdt. {{U}} bereikt deze persoon zo: {officer}")
                    : W("De functionaris gegevensbescherming van de gemeente let erop dat de gemeente zich aan de privacywet houdt. Vraag de gemeente hoe {u} deze persoon bereikt.")),
            ]),
        };
        return sections;
    }

    /// <summary>A contact that is an e-mail address becomes a mailto link, a web address a link; anything else plain text.</summary>
    private static PrivacyLine Contact(string lead, string? contact, string missing) => contact switch
    {
        null => new PrivacyLine(missing),
        _ when contact.Contains('@') && !contact.Contains("://", StringComparison.Ordinal) => new PrivacyLine(lead, contact, "mailto:" + contact),
        _ when Uri.TryCreate(contact, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" => new PrivacyLine(lead, contact, uri.ToString()),
        _ => new PrivacyLine($"{lead} {contact}"),
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // The statement is written once with {u}/{uw}; verbs are chosen so that "u" and "je" take the same form.
    private static string Parents(string text) => text.Replace("{Uw}", "Uw").Replace("{uw}", "uw").Replace("{U}", "U").Replace("{u}", "u");

    private static string Youth(string text) => text.Replace("{Uw}", "Je").Replace("{uw}", "je").Replace("{U}", "Je").Replace("{u}", "je");
}
