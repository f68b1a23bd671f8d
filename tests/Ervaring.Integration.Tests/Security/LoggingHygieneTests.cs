using System.Collections.Concurrent;
using System.Net.Http.Json;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Survey;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ervaring.Integration.Tests.Security;

/// <summary>
/// The whole cycle — draw, invitations, answering, a bad link, an outage-free close — with every log line the
/// app writes captured at Debug level: none may hold a client reference, a token, a short code, an open
/// answer or a respondent's address.
/// </summary>
public sealed class LoggingHygieneTests : IAsyncLifetime
{
    private sealed class CapturingProvider : ILoggerProvider
    {
        public readonly ConcurrentQueue<string> Lines = new();
        public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);
        public void Dispose() { }

        private sealed class Capturing(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                owner.Lines.Enqueue($"{category} scope: {state}");
                return null;
            }
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }

    private readonly CapturingProvider _logs = new();
    private readonly AppFixture _fixture = new();

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteProcess.StartAsync();
        await _fixture.InitializeWith(azurite, configure: builder =>
        {
            builder.Logging.AddProvider(_logs);
        });
    }

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task No_log_line_holds_personal_data_or_secrets()
    {
        var scenario = await FieldingScenario.StartAsync(_fixture, clients: 60);
        var invitation = scenario.First("ouders");
        var answers = await FieldingScenario.AnswersAsync(_fixture, invitation.Token, variant: 4);
        const string openAnswer = "Mijn dochter Fleur ging er echt op vooruit";
        answers["wat_ging_goed"] = [openAnswer];
        using var client = _fixture.App.CreateClient();
        var form = new FormUrlEncodedContent(answers.SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v))).Append(new("actie", "verzenden")));
        Assert.True((await client.PostAsync(SurveyLinks.For(invitation.Token), form)).IsSuccessStatusCode);
        await client.GetAsync(SurveyLinks.For(invitation.Token[..^1] + "X"));           // a wrong link
        await client.PostAsync("/s", new FormUrlEncodedContent([new("code", invitation.Code)]));
        using var admin = _fixture.AdminClient();
        await admin.GetAsync($"/api/waves/{scenario.WaveId}/invitations.csv");
        await _fixture.App.Services.GetRequiredService<WaveClosing>().CloseAsync(scenario.WaveId, "test", CancellationToken.None);

        var lines = _logs.Lines.ToList();
        Assert.NotEmpty(lines);
        var forbidden = scenario.Invitations.SelectMany(i => new[] { i.Client, i.Token, i.Code, i.Code.Replace("-", "") })
            .Append(openAnswer).ToList();
        var leaks = lines.Where(line => forbidden.Any(f => line.Contains(f, StringComparison.Ordinal))).ToList();
        // Respondents come from loopback here, as does the server's own address: only the start-up line may name it.
        leaks.AddRange(lines.Where(line => line.Contains("127.0.0.1", StringComparison.Ordinal) && !line.Contains("Now listening on", StringComparison.Ordinal)));
        Assert.True(leaks.Count == 0, "log lines with personal data or secrets:\n" + string.Join("\n", leaks.Take(10)));
    }
}
