using Ervaring.Core.Sampling;
using Ervaring.Core.Surveys;

namespace Ervaring.Core.Demo;

/// <summary>
/// Made-up families for demos and tests: who answers (response propensity differs by care type and age,
/// as in real fieldwork) and how (agreement leans positive, less so in residential care and child
/// protection; a year effect lets trends show). Deterministic for a given <see cref="Random"/>.
/// </summary>
public static class SyntheticRespondents
{
    public static double ResponsePropensity(string careType, string ageBand, string audience) =>
        0.45
        * careType switch { "verblijf" => 0.55, "jeugdbescherming" => 0.6, "jeugdreclassering" => 0.5, _ => 1.0 }
        * (audience == Audiences.JongerenName ? (ageBand == "18-23" ? 0.7 : 0.8) : 1.0);

    /// <summary>Probability that an agreement item is answered (helemaal) mee eens.</summary>
    public static double PositiveShare(string careType, int yearOffset) =>
        Math.Clamp(careType switch { "verblijf" => 0.58, "jeugdbescherming" => 0.5, "jeugdreclassering" => 0.55, _ => 0.74 } + 0.03 * yearOffset, 0.05, 0.95);

    private static readonly string[] PositiveTexts =
    [
        "De hulpverlener nam echt de tijd voor ons.",
        "Mijn zoon gaat weer met plezier naar school.",
        "Fijn dat we zelf mochten meedenken over de aanpak.",
        "Duidelijke afspraken en ze kwamen ze ook na.",
    ];

    private static readonly string[] ImprovementTexts =
    [
        "De wachttijd was veel te lang.",
        "We kregen steeds een andere begeleider.",
        "Bel me gerust op 06-12345678 als u meer wilt weten.",
        "Meer uitleg over wat er na de hulp gebeurt.",
    ];

    public static Dictionary<string, IReadOnlyList<string>> Answers(SurveyDefinition definition, string careType, int yearOffset, Random random)
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var positive = PositiveShare(careType, yearOffset);
        foreach (var item in definition.Items)
        {
            if (item.ShowIf is { } rule && !(answers.TryGetValue(rule.Item, out var given) && given.Any(rule.AnyOf.Contains))) continue;
            if (!item.Required && random.NextDouble() < 0.05) continue; // some leave an optional question open
            switch (item.Type)
            {
                case ItemType.Agreement:
                    var x = random.NextDouble();
                    answers[item.Id] = [x < 0.06 ? AgreementScale.NotApplicableCode
                        : x < 0.06 + positive * 0.94 ? (random.NextDouble() < 0.4 ? "5" : "4")
                        : random.NextDouble() < 0.5 ? "3" : random.NextDouble() < 0.6 ? "2" : "1"];
                    break;
                case ItemType.Mark:
                    answers[item.Id] = [Math.Clamp((int)Math.Round(4 + 5 * positive + (random.NextDouble() - 0.5) * 4), 1, 10).ToString()];
                    break;
                case ItemType.Single:
                    answers[item.Id] = [item.Options[random.Next(item.Options.Count)].Code];
                    break;
                case ItemType.Multiple:
                    answers[item.Id] = item.Options.Where((_, i) => i == 0 || random.NextDouble() < 0.25).Select(o => o.Code).Distinct().ToList();
                    break;
                case ItemType.Number: // questionnaire v2's weeks of waiting: 0 to 16 weeks (v1 has no number item, so its demo answers stay the same)
                    answers[item.Id] = [random.Next(0, 17).ToString(System.Globalization.CultureInfo.InvariantCulture)];
                    break;
                case ItemType.Open:
                    if (random.NextDouble() < 0.4)
                        answers[item.Id] = [(item.Id.Contains("goed", StringComparison.Ordinal) ? PositiveTexts : ImprovementTexts)[random.Next(4)]];
                    break;
            }
        }
        return answers;
    }
}
