using System.Text.Json.Nodes;
using Ervaring.Core.Surveys;
using static Ervaring.Core.Tests.Surveys.SurveyTestData;

namespace Ervaring.Core.Tests.Surveys;

public class SurveyScoringTests
{
    private static readonly SurveyDefinition Definition = MinimalDefinition();

    [Theory]
    [InlineData("1", true, false)]
    [InlineData("2", true, false)]
    [InlineData("3", true, false)]
    [InlineData("4", true, true)]
    [InlineData("5", true, true)]
    [InlineData("wn", false, false)]
    [InlineData("9", false, false)]
    public void Agreement_answer_validity_and_positivity(string code, bool valid, bool positive)
    {
        var score = SurveyScoring.Score(Definition.FindItem("q1")!, [code]);
        Assert.Equal(valid, score.IsValid);
        Assert.Equal(positive, score.IsPositive);
    }

    [Fact]
    public void Missing_answer_is_not_valid()
    {
        Assert.False(SurveyScoring.Score(Definition.FindItem("q1")!, null).IsValid);
        Assert.False(SurveyScoring.Score(Definition.FindItem("q1")!, []).IsValid);
    }

    [Fact]
    public void Mark_answer_carries_the_mark()
    {
        var score = SurveyScoring.Score(Definition.FindItem("cijfer")!, ["8"]);
        Assert.Equal(new ItemScore(true, false, 8), score);
        Assert.False(SurveyScoring.Score(Definition.FindItem("cijfer")!, ["11"]).IsValid);
    }

    [Fact]
    public void Indicator_score_is_share_of_positive_among_valid_answers()
    {
        // q1 = 5 (positive), vervolg = 2 (valid, not positive): 1 of 2.
        var answers = Answers(("q1", ["5"]), ("gestopt", ["ja"]), ("vervolg", ["2"]));
        Assert.Equal(0.5, SurveyScoring.IndicatorScore(Definition, "toegang", answers));
    }

    [Fact]
    public void Weet_niet_is_left_out_of_the_indicator_score()
    {
        var answers = Answers(("q1", ["4"]), ("gestopt", ["ja"]), ("vervolg", ["wn"]));
        Assert.Equal(1.0, SurveyScoring.IndicatorScore(Definition, "toegang", answers));
    }

    [Fact]
    public void Indicator_score_is_null_without_valid_answers()
    {
        var answers = Answers(("q1", ["wn"]));
        Assert.Null(SurveyScoring.IndicatorScore(Definition, "toegang", answers));
        Assert.Null(SurveyScoring.IndicatorScore(Definition, "rapportcijfer", answers));
    }

    [Fact]
    public void Hidden_items_do_not_count()
    {
        // vervolg is routed out because gestopt = nee, so only q1 counts.
        var answers = Answers(("q1", ["1"]), ("gestopt", ["nee"]), ("vervolg", ["5"]));
        Assert.Equal(0.0, SurveyScoring.IndicatorScore(Definition, "toegang", answers));
    }

    [Fact]
    public void Report_mark_indicator_is_the_mark()
    {
        var scores = SurveyScoring.IndicatorScores(Definition, Answers(("q1", ["4"]), ("cijfer", ["7"])));
        Assert.Equal(7.0, scores["rapportcijfer"]);
        Assert.Equal(1.0, scores["toegang"]);
    }

    [Fact]
    public void Single_choice_with_positive_options_feeds_an_agree_indicator()
    {
        var root = Minimal();
        var options = Item(root, 1)["options"]!.AsArray();
        options[0]!["positive"] = true;
        options.Add(new JsonObject { ["code"] = "wn", ["label"] = "Weet niet", ["notApplicable"] = true });
        Item(root, 1)["indicator"] = "toegang";
        var definition = SurveyDefinitionLoader.Parse(root.ToJsonString(), FileName);

        var item = definition.FindItem("gestopt")!;
        Assert.True(SurveyScoring.Score(item, ["ja"]).IsPositive);
        Assert.False(SurveyScoring.Score(item, ["nee"]).IsPositive);
        Assert.False(SurveyScoring.Score(item, ["wn"]).IsValid);
        // q1 = 2 (valid, negative), gestopt = ja (positive), vervolg shown but unanswered: 1 of 2.
        Assert.Equal(0.5, SurveyScoring.IndicatorScore(definition, "toegang", Answers(("q1", ["2"]), ("gestopt", ["ja"]))));
    }

    [Fact]
    public void Single_choice_feeding_agree_indicator_needs_a_positive_option()
    {
        var root = Minimal();
        Item(root, 1)["indicator"] = "toegang";
        var ex = Assert.Throws<SurveyDefinitionException>(() => SurveyDefinitionLoader.Parse(root.ToJsonString(), FileName));
        Assert.Equal(
            "test.json: $.sections[0].items[1].indicator: single item feeds indicator 'toegang' but none of its options is marked \"positive\": true",
            Assert.Single(ex.Problems).ToString());
    }

    [Fact]
    public void Unknown_indicator_throws()
    {
        Assert.Throws<ArgumentException>(() => SurveyScoring.IndicatorScore(Definition, "geluk", Answers()));
    }
}
