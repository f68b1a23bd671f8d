using static Ervaring.Core.Surveys.SurveyDefinitionFormat;

namespace Ervaring.Core.Surveys;

// The checks for questionnaire version 2's additions (number items, routing on the frame, complete translations),
// beside the other rules so SurveyDefinitionRules.cs stays readable.
internal static partial class SurveyDefinitionRules
{
    private sealed partial class Checker
    {
        /// <summary>A number item needs its range (<c>min</c> below <c>max</c>, both 0..1000); no other type has one.</summary>
        private void NumberParts(ItemJson json, ItemType? type, string ip)
        {
            if (type is null)
            {
                return;
            }
            if (type != ItemType.Number)
            {
                foreach (var (name, present) in new[] { ("min", json.Min is not null), ("max", json.Max is not null), ("unit", json.Unit is not null) })
                {
                    if (present)
                    {
                        Add(Child(ip, name), $"only number items have '{name}'");
                    }
                }
                return;
            }
            OptionalText(json.Unit, ip, "unit");
            foreach (var (name, value) in new[] { ("min", json.Min), ("max", json.Max) })
            {
                if (value is null)
                {
                    Add(Child(ip, name), $"number items need '{name}' (a whole number from 0 to {LargestNumber})");
                }
                else if (value < 0 || value > LargestNumber)
                {
                    Add(Child(ip, name), $"must be a whole number from 0 to {LargestNumber}, found {value}");
                }
            }
            if (json.Min is { } min && json.Max is { } max && min >= max)
            {
                Add(Child(ip, "max"), $"must be larger than 'min' ({min}), found {max}");
            }
        }

        /// <summary>Routing on the frame: known care type names and age groups, at least one condition, not both care type lists.</summary>
        private void AskWhen(AskWhenJson askWhen, string ap)
        {
            if (askWhen.CareTypes is null && askWhen.NotCareTypes is null && askWhen.AgeGroups is null)
            {
                Add(ap, "askWhen needs at least one of 'careTypes', 'notCareTypes' or 'ageGroups'");
            }
            if (askWhen.CareTypes is not null && askWhen.NotCareTypes is not null)
            {
                Add(Child(ap, "notCareTypes"), "use either 'careTypes' or 'notCareTypes', not both");
            }
            var careTypes = Enum.GetValues<Frames.CareType>().Select(Frames.FrameVocabulary.Name).ToArray();
            CodeList(askWhen.CareTypes, Child(ap, "careTypes"), careTypes, "care type");
            CodeList(askWhen.NotCareTypes, Child(ap, "notCareTypes"), careTypes, "care type");
            CodeList(askWhen.AgeGroups, Child(ap, "ageGroups"), RespondentFrame.AgeGroups.All, "age group");
        }

        private void CodeList(IReadOnlyList<string?>? codes, string lp, IReadOnlyList<string> allowed, string what)
        {
            if (codes is null)
            {
                return;
            }
            if (codes.Count == 0)
            {
                Add(lp, $"expected a non-empty array of {what} names, found an empty array");
            }
            for (var n = 0; n < codes.Count; n++)
            {
                if (codes[n] is not { } code || !allowed.Contains(code))
                {
                    Add($"{lp}[{n}]", $"'{codes[n]}' is not a known {what} (allowed: {string.Join(", ", allowed)})");
                }
            }
        }

        /// <summary>
        /// From version 2 on a translation is complete: a family reading Arabic must never meet a Dutch question,
        /// option or button. Every omission is reported at the JSON path where the text belongs.
        /// </summary>
        private void Complete(string language, TranslationJson t, string lp)
        {
            void Missing(string path, string what) => Add(path, $"the '{language}' translation misses {what}");
            static bool Has(IReadOnlyDictionary<string, string?>? map, string key) => map is not null && map.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v);

            if (t.Title is null) Missing(Child(lp, "title"), "the title");
            if (t.Intro is null) Missing(Child(lp, "intro"), "the intro");
            foreach (var indicator in _indicators.Keys.Where(i => !Has(t.Indicators, i)))
                Missing(Child(Child(lp, "indicators"), indicator), $"indicator '{indicator}'");
            foreach (var section in _sections.Where(s => !Has(t.Sections, s)))
                Missing(Child(Child(lp, "sections"), section), $"the title of section '{section}'");
            if (_items.Any(i => i.Type == ItemType.Agreement))
                foreach (var code in AgreementScale.Codes.Where(c => !Has(t.AgreementScale, c)))
                    Missing(Child(Child(lp, "agreementScale"), code), $"agreement scale code '{code}'");
            foreach (var item in _items.Where(i => i.Id is not null))
            {
                var ip = Child(Child(lp, "items"), item.Id!);
                var it = t.Items is not null && t.Items.TryGetValue(item.Id!, out var found) ? found : null;
                if (it?.Text is null) Missing(Child(ip, "text"), $"the text of item '{item.Id}'");
                if (item.Json.Help is not null && it?.Help is null) Missing(Child(ip, "help"), $"the help of item '{item.Id}'");
                if (item.Json.Unit is not null && it?.Unit is null) Missing(Child(ip, "unit"), $"the unit of item '{item.Id}'");
                if (item.Type is not ItemType.Agreement)
                    foreach (var code in item.OptionCodes.Where(c => !Has(it?.Options, c)))
                        Missing(Child(Child(ip, "options"), code), $"option '{code}' of item '{item.Id}'");
            }
            foreach (var key in SurveyPageTexts.Keys.Where(k => !Has(t.Page, k)))
                Missing(Child(Child(lp, "page"), key), $"page text '{key}'");
        }
    }
}
