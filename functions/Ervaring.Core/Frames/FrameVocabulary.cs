using System.Globalization;
using System.Text;

namespace Ervaring.Core.Frames;

/// <summary>The logical columns of a frame file.</summary>
public enum FrameColumn
{
    ClientReference,
    BirthYear,
    Age,
    Municipality,
    CareType,
    Referrer,
    Provider,
    StartDate,
    EndDate,
}

/// <summary>
/// Column names and values accepted in a frame file, with their Dutch aliases. Matching ignores
/// case, accents, spaces, dots, hyphens and underscores ("Cliënt_Ref" = "clientref").
/// </summary>
public static class FrameVocabulary
{
    /// <summary>Accepted header names per column (normalised form). The first is the documented name.</summary>
    public static IReadOnlyDictionary<FrameColumn, string[]> ColumnAliases { get; } = new Dictionary<FrameColumn, string[]>
    {
        [FrameColumn.ClientReference] = ["clientreferentie", "clientref", "clientreference", "clientnummer", "clientnr", "clientid", "client", "pseudoniem", "pseudoid", "referentie"],
        [FrameColumn.BirthYear] = ["geboortejaar", "gebjaar", "jaarvangeboorte"],
        [FrameColumn.Age] = ["leeftijd", "leeftijdinjaren"],
        [FrameColumn.Municipality] = ["gemeente", "gemeentenaam", "woongemeente"],
        [FrameColumn.CareType] = ["zorgvorm", "soortzorg", "zorgsoort", "typezorg", "vormvanzorg"],
        [FrameColumn.Referrer] = ["verwijzer", "verwijzing", "verwijzendepartij"],
        [FrameColumn.Provider] = ["aanbieder", "aanbiedercode", "zorgaanbieder", "agbcode"],
        [FrameColumn.StartDate] = ["startdatum", "begindatum", "ingangsdatum", "datumstart", "datumbegin"],
        [FrameColumn.EndDate] = ["einddatum", "datumeinde", "datumeind"],
    };

    /// <summary>The documented (display) name of each column.</summary>
    public static string DisplayName(FrameColumn column) => ColumnAliases[column][0];

    /// <summary>Columns that must not be in a frame: names, addresses, BSN and contact details are not needed.</summary>
    public static IReadOnlySet<string> ForbiddenColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "naam", "voornaam", "achternaam", "voorletters", "roepnaam", "adres", "straat", "straatnaam", "huisnummer",
        "postcode", "woonplaats", "bsn", "burgerservicenummer", "email", "emailadres", "telefoon", "telefoonnummer",
        "mobiel", "geboortedatum",
    };

    /// <summary>Accepted values per care type (normalised form). The first is the canonical name.</summary>
    public static IReadOnlyDictionary<CareType, string[]> CareTypeAliases { get; } = new Dictionary<CareType, string[]>
    {
        [CareType.Ambulant] = ["ambulant", "ambulantejeugdhulp", "ambulantehulp", "ambulantezorg", "jeugdhulpzonderverblijf"],
        [CareType.Verblijf] = ["verblijf", "jeugdhulpmetverblijf", "residentieel", "pleegzorg", "gezinshuis"],
        [CareType.Jeugdbescherming] = ["jeugdbescherming", "jb", "ots", "ondertoezichtstelling", "voogdij"],
        [CareType.Jeugdreclassering] = ["jeugdreclassering", "jr"],
        [CareType.Pgb] = ["pgb", "persoonsgebondenbudget"],
        [CareType.Overig] = ["overig", "overige", "anders"],
    };

    /// <summary>Accepted values per referrer (normalised form). The first is the canonical name without spaces.</summary>
    public static IReadOnlyDictionary<Referrer, string[]> ReferrerAliases { get; } = new Dictionary<Referrer, string[]>
    {
        [Referrer.Huisarts] = ["huisarts", "ha"],
        [Referrer.Wijkteam] = ["wijkteam", "cjg", "centrumvoorjeugdengezin", "lokaalteam", "gemeente", "gemeentelijketoegang", "jeugdteam", "sociaalteam", "sociaalwijkteam"],
        [Referrer.GecertificeerdeInstelling] = ["gi", "gecertificeerdeinstelling"],
        [Referrer.Jeugdarts] = ["jeugdarts", "jgz", "jeugdgezondheidszorg", "consultatiebureau"],
        [Referrer.MedischSpecialist] = ["medischspecialist", "specialist", "kinderarts"],
        [Referrer.Geen] = ["geen", "geenverwijzer", "geenverwijzing", "zelfverwijzer"],
        [Referrer.Onbekend] = ["onbekend", "nietbekend"],
    };

    public static string Name(CareType careType) => CareTypeAliases[careType][0];

    public static string Name(Referrer referrer) => referrer switch
    {
        Referrer.GecertificeerdeInstelling => "gi",
        Referrer.MedischSpecialist => "medisch specialist",
        _ => ReferrerAliases[referrer][0],
    };

    public static string CareTypeChoices => string.Join(", ", Enum.GetValues<CareType>().Select(Name));

    public static string ReferrerChoices => string.Join(", ", Enum.GetValues<Referrer>().Select(Name));

    /// <summary>Lowercase, without accents, spaces, dots, hyphens, underscores, slashes or apostrophes.</summary>
    public static string Normalise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var decomposed = value.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is ' ' or '.' or '-' or '_' or '/' or '\'' or '\u00A0' or '\t')
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    internal static Dictionary<string, T> BuildLookup<T>(IReadOnlyDictionary<T, string[]> aliases)
        where T : notnull
    {
        var lookup = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (value, names) in aliases)
        {
            foreach (var name in names)
            {
                lookup.Add(name, value);
            }
        }

        return lookup;
    }
}
