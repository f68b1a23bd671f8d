namespace Ervaring.Functions.Pages.Admin.Help;

/// <summary>The help for one step of the cycle: what the officer does, why, and what the family notices of it.</summary>
public sealed record StepHelp(string Slug, string Name, IReadOnlyList<string> What, IReadOnlyList<string> Why, IReadOnlyList<string> FamilySees);

/// <summary>
/// The help page text per step of the yearly cycle (issue 20, point 7), in the order of <see cref="CycleSteps.Names"/>,
/// in B1 Dutch. Kept as data beside the steps so a new step cannot go without its help (a test checks one per step).
/// </summary>
public static class CycleHelp
{
    public static IReadOnlyList<StepHelp> Steps { get; } =
    [
        new("kader", "Kader",
            ["U haalt uit het cliëntregister een bestand met één regel per kind of jongere met jeugdhulp: een cliëntnummer (geen naam), geboortejaar of leeftijd, gemeente, zorgvorm, verwijzer, aanbieder en start- en einddatum van de hulp. Het sjabloon hieronder laat de kolommen zien.",
             "U leest het bestand in. Regels met een fout ziet u met regelnummer en reden. U kunt die regels bewust weglaten of het bestand verbeteren en opnieuw inlezen."],
            ["Uit dit bestand trekken we wie een uitnodiging krijgt. Het moet compleet zijn, anders is de uitkomst niet te vertrouwen voor de hele groep.",
             "Namen, adressen, BSN en geboortedata zijn niet nodig en worden geweigerd: zo komen ze ook niet in dit systeem."],
            ["Nog niets. De gezinnen merken van deze stap niets."]),
        new("trekken", "Trekken",
            ["U ziet per gemeente hoeveel uitnodigingen nodig zijn voor een betrouwbare uitkomst, en trekt dan de steekproef met één knop."],
            ["De computer kiest willekeurig (aselect) per groep (gemeente, zorgvorm, leeftijd), zodat iedere groep naar verhouding meedoet. Een controleur kan de trekking later precies zo herhalen.",
             "Wie het afgelopen jaar al een uitnodiging kreeg of niet mee wil doen, slaan we over."],
            ["Nog niets."]),
        new("brieven", "Brieven",
            ["U downloadt de uitnodigingen (CSV) en de QR-codes (zip) en maakt daarmee de brieven, bijvoorbeeld met het briefsjabloon en een mail merge. De adressen haalt u uit uw eigen systeem met het cliëntnummer.",
             "Als de brieven verstuurd zijn, start u het veldwerk."],
            ["Elke brief heeft een eigen link, QR-code en korte code. Alleen daarmee kan iemand de vragenlijst invullen, en alleen één keer."],
            ["Een brief van de gemeente met uitleg, een QR-code, een link en een korte code, het telefoonnummer voor hulp en waar de privacyverklaring staat. Jongeren van 12 jaar en ouder krijgen een eigen brief."]),
        new("veldwerk", "Veldwerk",
            ["U start het veldwerk met de knop Veldwerk starten; u ziet eerst wat er gebeurt. Start u eerder dan gepland, dan vragen we waarom.",
             "Tijdens het veldwerk ziet u per dag hoeveel mensen invulden en welke groepen achterblijven. Per herinneringsronde downloadt u de lijst van wie nog niet reageerde.",
             "Blijft een groep duidelijk achter, dan kunt u die groep extra aandacht geven: een telefoonronde of een papieren vragenlijst."],
            ["Hoe meer mensen reageren, en hoe gelijker de groepen reageren, hoe beter de uitkomst klopt voor iedereen."],
            ["De link en code werken. Het invullen duurt ongeveer tien minuten en kan in delen. Wie niet reageert, krijgt een herinnering."]),
        new("sluiten", "Sluiten",
            ["Het veldwerk sluit vanzelf in de nacht na de laatste veldwerkdag. U kunt het ook eerder sluiten, na een bevestiging."],
            ["Bij het sluiten wissen we de koppeling tussen uitnodigingen en antwoorden. Daarna weet niemand meer wie welk antwoord gaf. Dat kan niet terug."],
            ["De link en code werken niet meer. Wie de link nog opent, leest dat het onderzoek gesloten is."]),
        new("rapport", "Rapport",
            ["U maakt het rapportconcept. U leest de open antwoorden (adressen en telefoonnummers zijn weggehaald), schrijft de duiding en kiest acties en citaten."],
            ["Het concept is alleen voor u. De raad ziet cijfers met hun foutmarge en een eerlijk woord over hoe goed de respons lijkt op de hele groep."],
            ["Niets. Open antwoorden worden nooit openbaar; alleen citaten die u kiest en bevestigt."]),
        new("publiceren", "Publiceren",
            ["U bekijkt het concept zoals de raad het ziet en publiceert het na een bevestiging. Dat moet vóór 1 juli van het jaar erna."],
            ["De Jeugdwet vraagt dat de gemeente de uitkomst elk jaar openbaar maakt. Een gepubliceerd rapport trekt u niet in; u kunt wel een verbeterde versie maken."],
            ["Iedereen, ook de gezinnen, kan het rapport lezen. Kleine groepen zijn verborgen, zodat niemand te herkennen is."]),
    ];

    public static StepHelp? Find(string? slug) => Steps.FirstOrDefault(s => s.Slug == slug);

    /// <summary>The help address of a step, by its index in <see cref="CycleSteps.Names"/>.</summary>
    public static string Href(int step) => $"/beheer/hulp/{Steps[Math.Clamp(step, 0, Steps.Count - 1)].Slug}";
}
