using Ervaring.Core.Surveys;
using static Ervaring.Core.Tests.Surveys.SurveyTestData;

namespace Ervaring.Core.Tests.Surveys;

/// <summary>Version 2 of both questionnaires: the number item (weeks of waiting) and routing on the frame.</summary>
public class SurveyVersion2Tests
{
    private static readonly RespondentFrame Ambulant15 = new("ambulant", RespondentFrame.AgeGroups.Under16);
    private static readonly RespondentFrame Ambulant17 = new("ambulant", RespondentFrame.AgeGroups.From16To17);
    private static readonly RespondentFrame Protected17 = new("jeugdbescherming", RespondentFrame.AgeGroups.From16To17);
    private static readonly RespondentFrame Probation19 = new("jeugdreclassering", RespondentFrame.AgeGroups.From18);

    private static SurveyDefinition Load(string file) =>
        SurveyDefinitionLoader.Parse(File.ReadAllText(Path.Combine(DefinitionsDirectory(), file)), file);

    [Theory]
    [InlineData("ceo-jeugd-ouders")]
    [InlineData("ceo-jeugd-jongeren")]
    public void Version_2_keeps_every_version_1_question_and_indicator(string id)
    {
        var v1 = Load($"{id}.v1.json");
        var v2 = Load($"{id}.v2.json");

        Assert.Equal(2, v2.Version);
        Assert.Equal(v1.Indicators, v2.Indicators);
        foreach (var item in v1.Items)
        {
            var same = v2.FindItem(item.Id);
            Assert.NotNull(same);
            Assert.Equal((item.Type, item.Text, item.Indicator), (same.Type, same.Text, same.Indicator));
        }
        // New questions feed no indicator, so an indicator means the same in both versions.
        Assert.All(v2.Items.Where(i => v1.FindItem(i.Id) is null), i => Assert.Null(i.Indicator));
    }

    [Theory]
    [InlineData("ceo-jeugd-ouders.v2.json")]
    [InlineData("ceo-jeugd-jongeren.v2.json")]
    public void Version_2_asks_the_new_themes(string file)
    {
        var v2 = Load(file);

        var waiting = v2.FindItem("toegang_wachten")!;
        Assert.Equal(ItemType.Number, waiting.Type);
        Assert.Equal(new NumberRange(0, 104), waiting.Range);
        Assert.Equal("weken", waiting.Unit);
        foreach (var id in new[] { "een_regisseur", "een_plan", "eigen_netwerk", "hulp_dichtbij", "na_18", "maatregel_uitleg", "maatregel_gehoord" })
        {
            Assert.NotNull(v2.FindItem(id));
        }
    }

    [Fact]
    public void A_family_under_a_measure_gets_the_wording_for_help_they_did_not_ask_for()
    {
        var v2 = Load("ceo-jeugd-ouders.v2.json");

        var asked = SurveyAnswers.VisibleItemIds(v2, new Dictionary<string, IReadOnlyList<string>>(), Protected17);
        Assert.Contains("maatregel_uitleg", asked);
        Assert.Contains("maatregel_gehoord", asked);
        Assert.DoesNotContain("toegang_serieus", asked); // "Toen ik om hulp vroeg" does not fit
        Assert.DoesNotContain("toegang_vinden", asked);
        Assert.DoesNotContain("toegang_wachten", asked);

        var others = SurveyAnswers.VisibleItemIds(v2, new Dictionary<string, IReadOnlyList<string>>(), Ambulant15);
        Assert.Contains("toegang_serieus", others);
        Assert.Contains("toegang_wachten", others);
        Assert.DoesNotContain("maatregel_uitleg", others);
    }

    [Fact]
    public void Turning_18_is_asked_of_parents_of_16_and_17_year_olds_and_of_young_people_from_16()
    {
        var parents = Load("ceo-jeugd-ouders.v2.json");
        var young = Load("ceo-jeugd-jongeren.v2.json");
        var none = new Dictionary<string, IReadOnlyList<string>>();

        Assert.Contains("na_18", SurveyAnswers.VisibleItemIds(parents, none, Ambulant17));
        Assert.DoesNotContain("na_18", SurveyAnswers.VisibleItemIds(parents, none, Ambulant15));
        Assert.Contains("na_18", SurveyAnswers.VisibleItemIds(young, none, Ambulant17));
        Assert.Contains("na_18", SurveyAnswers.VisibleItemIds(young, none, Probation19));
        Assert.DoesNotContain("na_18", SurveyAnswers.VisibleItemIds(young, none, Ambulant15));
        // An invitation made before the age group was kept: not asked, rather than asked of a 12-year-old.
        Assert.DoesNotContain("na_18", SurveyAnswers.VisibleItemIds(young, none, new RespondentFrame("ambulant", null)));
    }

    [Fact]
    public void Answers_to_questions_not_asked_of_this_family_are_dropped()
    {
        var v2 = Load("ceo-jeugd-ouders.v2.json");
        var posted = Answers(("toegang_serieus", ["4"]), ("maatregel_uitleg", ["5"]), ("na_18", ["2"]));

        var result = SurveyAnswers.Validate(v2, posted, AnswerMode.Save, Ambulant15);

        Assert.True(result.IsValid);
        Assert.Equal(["toegang_serieus"], result.Answers.Keys);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData(" 012 ", "12")]
    [InlineData("104", "104")]
    [InlineData("wn", "wn")]
    public void Weeks_of_waiting_accept_a_whole_number_in_range_or_dont_know(string typed, string stored)
    {
        var v2 = Load("ceo-jeugd-ouders.v2.json");

        var result = SurveyAnswers.Validate(v2, Answers(("toegang_wachten", [typed])), AnswerMode.Save, Ambulant15);

        Assert.True(result.IsValid);
        Assert.Equal([stored], result.Answers["toegang_wachten"]);
        Assert.False(SurveyScoring.Score(v2.FindItem("toegang_wachten")!, [stored]).IsValid); // feeds no indicator
    }

    [Theory]
    [InlineData("105")]
    [InlineData("-1")]
    [InlineData("6,5")]
    [InlineData("zes")]
    [InlineData("6 weken")]
    public void Weeks_of_waiting_out_of_range_or_not_a_whole_number_get_a_Dutch_message(string typed)
    {
        var v2 = Load("ceo-jeugd-ouders.v2.json");

        var result = SurveyAnswers.Validate(v2, Answers(("toegang_wachten", [typed])), AnswerMode.Save, Ambulant15);

        Assert.Equal("Vul een heel getal van 0 tot en met 104 in, of kies 'Weet ik niet'.", result.Errors["toegang_wachten"]);
        Assert.False(result.Answers.ContainsKey("toegang_wachten"));
    }

    [Fact]
    public void A_number_and_dont_know_together_are_refused()
    {
        var v2 = Load("ceo-jeugd-ouders.v2.json");

        var result = SurveyAnswers.Validate(v2, Answers(("toegang_wachten", ["8", "wn"])), AnswerMode.Save, Ambulant15);

        Assert.Equal(SurveyAnswers.NumberOrDontKnow, result.Errors["toegang_wachten"]);
    }

    [Fact]
    public void The_dont_know_label_is_translated_like_an_option()
    {
        var english = SurveyDefinitionLoader.LoadDirectory(DefinitionsDirectory()).Single(d => d is { Id: "ceo-jeugd-ouders", Version: 2 }).InLanguage("en");

        Assert.Equal("I don't know", english.FindItem("toegang_wachten")!.FindOption("wn")!.Label);
        Assert.Equal(new NumberRange(0, 104), english.FindItem("toegang_wachten")!.Range);
        Assert.Equal("weeks", english.FindItem("toegang_wachten")!.Unit);
    }
}
