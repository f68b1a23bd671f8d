using Ervaring.Core.Surveys;
using static Ervaring.Core.Tests.Surveys.SurveyTestData;

namespace Ervaring.Core.Tests.Surveys;

public class SurveyAnswersTests
{
    private static readonly SurveyDefinition Definition = MinimalDefinition();

    private static AnswerValidation Validate(AnswerMode mode, params (string, string[])[] answers) =>
        SurveyAnswers.Validate(Definition, Answers(answers), mode);

    [Fact]
    public void Complete_valid_answers_pass_and_are_kept()
    {
        var result = Validate(AnswerMode.Submit,
            ("q1", ["4"]), ("gestopt", ["ja"]), ("vervolg", ["wn"]), ("cijfer", ["8"]),
            ("plek", ["thuis", "school"]), ("opmerking", ["Fijne hulp."]));

        Assert.True(result.IsValid);
        Assert.Equal(6, result.Answers.Count);
        Assert.Equal(["thuis", "school"], result.Answers["plek"]);
    }

    [Fact]
    public void Required_item_missing_on_submit_is_an_error()
    {
        var result = Validate(AnswerMode.Submit, ("cijfer", ["7"]));
        Assert.False(result.IsValid);
        Assert.Equal("Kies een antwoord.", Assert.Single(result.Errors).Value);
        Assert.Equal("q1", result.Errors.Single().Key);
    }

    [Fact]
    public void Blank_value_counts_as_missing()
    {
        var result = Validate(AnswerMode.Submit, ("q1", ["  "]));
        Assert.Equal("Kies een antwoord.", result.Errors["q1"]);
        Assert.False(result.Answers.ContainsKey("q1"));
    }

    [Fact]
    public void Required_item_missing_on_save_is_fine()
    {
        var result = Validate(AnswerMode.Save, ("cijfer", ["7"]));
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Invalid_agreement_code_is_an_error()
    {
        var result = Validate(AnswerMode.Save, ("q1", ["6"]));
        Assert.Equal("Dit antwoord kan niet. Kies een van de antwoorden.", result.Errors["q1"]);
        Assert.Empty(result.Answers);
    }

    [Fact]
    public void Invalid_option_code_is_an_error()
    {
        var result = Validate(AnswerMode.Save, ("plek", ["thuis", "maan"]));
        Assert.Equal("Dit antwoord kan niet. Kies een van de antwoorden.", result.Errors["plek"]);
    }

    [Fact]
    public void Two_answers_to_single_choice_is_an_error()
    {
        var result = Validate(AnswerMode.Save, ("gestopt", ["ja", "nee"]));
        Assert.Equal("Kies één antwoord.", result.Errors["gestopt"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("7.5")]
    [InlineData("7,5")]
    [InlineData("-3")]
    [InlineData("acht")]
    public void Mark_outside_1_to_10_is_an_error(string mark)
    {
        var result = Validate(AnswerMode.Save, ("cijfer", [mark]));
        Assert.Equal("Vul een cijfer van 1 tot en met 10 in.", result.Errors["cijfer"]);
    }

    [Fact]
    public void Mark_is_normalised()
    {
        var result = Validate(AnswerMode.Save, ("cijfer", [" 07 "]));
        Assert.True(result.IsValid);
        Assert.Equal(["7"], result.Answers["cijfer"]);
    }

    [Fact]
    public void Open_text_longer_than_2000_characters_is_an_error()
    {
        Assert.True(Validate(AnswerMode.Save, ("opmerking", [new string('a', 2000)])).IsValid);
        var result = Validate(AnswerMode.Save, ("opmerking", [new string('a', 2001)]));
        Assert.Equal("Dit antwoord is te lang. Gebruik niet meer dan 2.000 tekens.", result.Errors["opmerking"]);
    }

    [Fact]
    public void Windows_line_breaks_count_as_one_character()
    {
        var text = string.Concat(Enumerable.Repeat("a\r\n", 1000));
        var result = Validate(AnswerMode.Save, ("opmerking", [text]));
        Assert.True(result.IsValid);
        Assert.Equal(string.Concat(Enumerable.Repeat("a\n", 999)) + "a", result.Answers["opmerking"][0]);
    }

    [Fact]
    public void Routing_drops_answers_to_hidden_items()
    {
        var result = Validate(AnswerMode.Submit, ("q1", ["3"]), ("gestopt", ["nee"]), ("vervolg", ["5"]));
        Assert.True(result.IsValid);
        Assert.False(result.Answers.ContainsKey("vervolg"));
        Assert.Equal(["q1", "gestopt", "cijfer", "plek", "opmerking"], SurveyAnswers.VisibleItemIds(Definition, result.Answers));
    }

    [Fact]
    public void Routing_keeps_answers_to_shown_items()
    {
        var result = Validate(AnswerMode.Submit, ("q1", ["3"]), ("gestopt", ["ja"]), ("vervolg", ["5"]));
        Assert.Equal(["5"], result.Answers["vervolg"]);
        Assert.Contains("vervolg", SurveyAnswers.VisibleItemIds(Definition, result.Answers));
    }

    [Fact]
    public void Invalid_answers_to_hidden_items_are_not_errors()
    {
        var result = Validate(AnswerMode.Submit, ("q1", ["3"]), ("vervolg", ["onzin"]));
        Assert.True(result.IsValid);
        Assert.False(result.Answers.ContainsKey("vervolg"));
    }

    [Fact]
    public void Unknown_item_id_is_rejected()
    {
        var result = Validate(AnswerMode.Save, ("q1", ["3"]), ("bsn", ["123456782"]));
        Assert.Equal("Deze vraag hoort niet bij deze vragenlijst.", result.Errors["bsn"]);
        Assert.False(result.Answers.ContainsKey("bsn"));
    }

    [Fact]
    public void Routing_works_on_the_real_parents_definition()
    {
        var parents = SurveyDefinitionLoader.LoadDirectory(DefinitionsDirectory()).Single(d => d is { Id: "ceo-jeugd-ouders", Version: 1 });
        var answers = Answers(("invuller", ["ouder"]), ("hulp_gestopt", ["nee"]), ("hulp_gestopt_hoe", ["klaar"]));

        var stillGoing = SurveyAnswers.Validate(parents, answers, AnswerMode.Submit);
        Assert.True(stillGoing.IsValid);
        Assert.False(stillGoing.Answers.ContainsKey("hulp_gestopt_hoe"));

        answers["hulp_gestopt"] = ["ja"];
        var stopped = SurveyAnswers.Validate(parents, answers, AnswerMode.Submit);
        Assert.Equal(["klaar"], stopped.Answers["hulp_gestopt_hoe"]);
    }

    [Fact]
    public void Required_background_question_on_real_definition_uses_dutch_message()
    {
        var youth = SurveyDefinitionLoader.LoadDirectory(DefinitionsDirectory()).Single(d => d is { Id: "ceo-jeugd-jongeren", Version: 1 });
        var result = SurveyAnswers.Validate(youth, Answers(("rapportcijfer", ["12"])), AnswerMode.Submit);
        Assert.Equal("Kies een antwoord.", result.Errors["invuller"]);
        Assert.Equal("Vul een cijfer van 1 tot en met 10 in.", result.Errors["rapportcijfer"]);
    }
}
