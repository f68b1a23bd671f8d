using Ervaring.Core.Surveys;
using Ervaring.Functions;
using Ervaring.Functions.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Hosting;

public sealed class SurveyDefinitionStartupTests
{
    [Fact]
    public void The_app_loads_both_questionnaires_copied_next_to_it()
    {
        var app = Program.Build(["--environment=Testing", "--Ervaring:Storage:ConnectionString=UseDevelopmentStorage=true"]);
        var catalog = app.Services.GetRequiredService<SurveyDefinitionCatalog>();
        Assert.NotNull(catalog.Latest("ceo-jeugd-ouders"));
        Assert.NotNull(catalog.Latest("ceo-jeugd-jongeren"));
        // Every *.json next to the app is a questionnaire except the JSON Schema that describes them and the
        // translation files ({id}.v{n}.{lang}.json), which are merged into their questionnaire.
        var definitions = Directory.GetFiles(RepositoryRoot.Combine("survey-definitions"), "*.json")
            .Count(f => Path.GetFileName(f) != SurveyDefinitionLoader.SchemaFileName && SurveyDefinitionLoader.TranslationFileName(Path.GetFileName(f)) is null);
        Assert.Equal(definitions, catalog.All.Count);
        Assert.All(catalog.All.Where(d => d.Version == 2), d => Assert.Equal(["nl", "ar", "en", "pl", "ti", "tr", "uk"], d.Languages));
    }

    [Fact]
    public void A_malformed_definition_stops_the_start_with_file_and_path()
    {
        var folder = Directory.CreateTempSubdirectory("ervaring-defs-").FullName;
        try
        {
            var source = File.ReadAllText(RepositoryRoot.Combine("survey-definitions", "ceo-jeugd-ouders.v1.json"));
            File.WriteAllText(Path.Combine(folder, "ceo-jeugd-ouders.v1.json"), source.Replace("\"audience\": \"ouders\"", "\"audience\": \"grootouders\""));

            var error = Assert.Throws<SurveyDefinitionException>(() =>
                Program.Build(["--environment=Testing", "--Ervaring:Storage:ConnectionString=UseDevelopmentStorage=true", $"--Ervaring:SurveyDefinitionsPath={folder}"]));
            Assert.Contains(error.Problems, p => p.File.EndsWith("ceo-jeugd-ouders.v1.json", StringComparison.Ordinal) && p.JsonPath == "$.audience");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
