using System.Globalization;
using System.Text;

namespace Ervaring.Core.Demo;

/// <summary>
/// A fictional client register (steekproefkader) for demos, tests and benchmarks: plausible proportions of
/// care types, referrers and ages, deterministic for a seed. Every reference is made up ("VB-000123").
/// </summary>
public static class SyntheticRegister
{
    private static readonly (string Value, double Weight)[] CareTypes =
        [("ambulant", 0.70), ("verblijf", 0.10), ("jeugdbescherming", 0.10), ("jeugdreclassering", 0.03), ("pgb", 0.07)];

    private static readonly (string Value, double Weight)[] Referrers =
        [("huisarts", 0.35), ("wijkteam", 0.35), ("gi", 0.10), ("jeugdarts", 0.07), ("medisch specialist", 0.08), ("geen", 0.03), ("onbekend", 0.02)];

    public const string Header = "clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum";

    /// <summary>CSV lines (header first) for <paramref name="clients"/> clients spread over the given municipalities.</summary>
    public static IEnumerable<string> Lines(int clients, IReadOnlyList<string> municipalities, int referenceYear, int seed, string referencePrefix = "VB")
    {
        var random = new Random(seed);
        yield return Header;
        for (var i = 1; i <= clients; i++)
        {
            var municipality = municipalities[Math.Min(municipalities.Count - 1, (int)(Math.Pow(random.NextDouble(), 1.3) * municipalities.Count))];
            var careType = Pick(random, CareTypes);
            // Ages 0–23, with more clients in primary-school and teenage years.
            var age = careType == "jeugdreclassering" ? 12 + random.Next(12) : Math.Clamp((int)Math.Round(Normal(random, 11, 5)), 0, 23);
            var birthYear = referenceYear - age;
            var referrer = careType is "jeugdbescherming" or "jeugdreclassering" ? "gi" : Pick(random, Referrers);
            var start = new DateOnly(referenceYear - 1, 1, 1).AddDays(random.Next(365));
            var end = random.NextDouble() < 0.4 ? start.AddDays(30 + random.Next(300)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
            var provider = $"AB{random.Next(1, 40):D3}";
            yield return string.Join(';', $"{referencePrefix}-{i:D6}", birthYear.ToString(CultureInfo.InvariantCulture), municipality, careType, referrer, provider,
                start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), end);
        }
    }

    public static byte[] Csv(int clients, IReadOnlyList<string> municipalities, int referenceYear, int seed, string referencePrefix = "VB") =>
        Encoding.UTF8.GetBytes(string.Join("\r\n", Lines(clients, municipalities, referenceYear, seed, referencePrefix)) + "\r\n");

    private static string Pick(Random random, (string Value, double Weight)[] options)
    {
        var x = random.NextDouble() * options.Sum(o => o.Weight);
        foreach (var (value, weight) in options)
        {
            if (x < weight) return value;
            x -= weight;
        }
        return options[^1].Value;
    }

    private static double Normal(Random random, double mean, double sd)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
