using static Ervaring.Core.Surveys.SurveyDefinitionFormat;

namespace Ervaring.Core.Surveys;

// The checks on translations (inline or from a translation file): only things that exist may be translated, with
// non-empty texts; from version 2 on every text must be there (Complete, in SurveyDefinitionRules.NumbersAndFrame.cs).
internal static partial class SurveyDefinitionRules
{
    private sealed partial class Checker
    {
        private void Translation(string language, TranslationJson? t, string lp)
        {
            if (language == SurveyDefinitionLoader.BaseLanguage)
            {
                Add(lp, "Dutch ('nl') is the base text of the definition and cannot be a translation");
                return;
            }
            if (!LanguagePattern().IsMatch(language))
            {
                Add(lp, $"'{language}' is not a valid language code (two or three lower-case letters, ISO 639, e.g. 'en', 'ar', 'tr', 'pl')");
                return;
            }
            if (t is null)
            {
                Add(lp, "expected a translation object, found null");
                return;
            }
            OptionalText(t.Title, lp, "title");
            OptionalText(t.Intro, lp, "intro");
            if (t.Direction is { } direction && direction is not ("ltr" or "rtl"))
            {
                Add(Child(lp, "direction"), $"unknown direction '{direction}' (expected 'ltr' or 'rtl')");
            }
            TextMap(t.Page, Child(lp, "page"), SurveyPageTexts.Keys, "page text");
            TextMap(t.Indicators, Child(lp, "indicators"), _indicators.Keys, "indicator");
            TextMap(t.Sections, Child(lp, "sections"), _sections, "section");
            TextMap(t.AgreementScale, Child(lp, "agreementScale"), AgreementScale.Codes, "agreement scale code");
            foreach (var (itemId, it) in t.Items ?? new Dictionary<string, ItemTranslationJson?>())
            {
                var ep = Child(Child(lp, "items"), itemId);
                if (_items.FirstOrDefault(i => i.Id == itemId) is not { } item)
                {
                    Add(ep, $"translation for unknown item id '{itemId}'");
                    continue;
                }
                if (it is null)
                {
                    Add(ep, "expected an object with 'text', 'help' and/or 'options', found null");
                    continue;
                }
                OptionalText(it.Text, ep, "text");
                if (OptionalText(it.Help, ep, "help") is not null && item.Json.Help is null)
                {
                    Add(Child(ep, "help"), $"item '{itemId}' has no Dutch help text to translate");
                }
                TextMap(it.Options, Child(ep, "options"), item.OptionCodes, $"option code of item '{itemId}'");
                if (OptionalText(it.Unit, ep, "unit") is not null && item.Json.Unit is null)
                {
                    Add(Child(ep, "unit"), $"item '{itemId}' has no Dutch unit to translate");
                }
            }
            if (_version >= 2)
            {
                Complete(language, t, lp);
            }
        }

        private void TextMap(IReadOnlyDictionary<string, string?>? texts, string mp, IEnumerable<string> known, string what)
        {
            foreach (var (key, text) in texts ?? new Dictionary<string, string?>())
            {
                if (!known.Contains(key))
                {
                    Add(Child(mp, key), $"'{key}' is not a known {what}");
                }
                else if (string.IsNullOrWhiteSpace(text))
                {
                    Add(Child(mp, key), $"must be a non-empty text, found {(text is null ? "null" : "an empty text")}");
                }
            }
        }
    }
}
