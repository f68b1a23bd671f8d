using Microsoft.Playwright;

namespace Ervaring.Browser.Tests.Survey;

/// <summary>Answers questionnaire pages the way a person would: clicking labels, typing in boxes.</summary>
public static class SurveyBrowser
{
    /// <summary>Answers every visible question on the page; <paramref name="choice"/> picks which option (wrapping).</summary>
    public static async Task AnswerVisibleQuestionsAsync(IPage page, int choice = 3)
    {
        var questions = page.Locator(".question");
        for (var i = 0; i < await questions.CountAsync(); i++)
        {
            var question = questions.Nth(i);
            if (!await question.IsVisibleAsync()) continue;
            var textarea = question.Locator("textarea");
            if (await textarea.CountAsync() > 0)
            {
                await textarea.FillAsync("De hulp was fijn, maar het wachten duurde lang.");
                continue;
            }
            var labels = question.Locator("label.check");
            var count = await labels.CountAsync();
            await labels.Nth(Math.Min(choice, count - 1)).ClickAsync();
        }
    }

    public static Task ClickAsync(IPage page, string buttonText) =>
        page.GetByRole(AriaRole.Button, new() { Name = buttonText, Exact = true }).ClickAsync();

    /// <summary>"Stap 2 van 6" → 2.</summary>
    public static async Task<int> StepAsync(IPage page)
    {
        var text = await page.Locator(".progress-text").InnerTextAsync();
        return int.Parse(text.Split(' ')[1]);
    }
}
