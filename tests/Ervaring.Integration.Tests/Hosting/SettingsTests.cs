using System.Reflection;
using System.Text.RegularExpressions;
using Ervaring.Functions.Hosting.Settings;
using Microsoft.Extensions.Options;

namespace Ervaring.Integration.Tests.Hosting;

/// <summary>
/// Every <c>Ervaring:*</c> setting is a property of <see cref="ErvaringSettings"/>, validated at start-up, read nowhere
/// else, and listed in the README's configuration table — and the table lists nothing that does not exist.
/// </summary>
public sealed partial class SettingsTests
{
    [Fact]
    public void The_readme_table_lists_exactly_the_settings_the_app_has()
    {
        var documented = DocumentedKeys();
        var existing = SettingKeys(typeof(ErvaringSettings), ErvaringSettings.Section).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(existing.Except(documented).Order());   // in the app, missing from the README
        Assert.Empty(documented.Except(existing).Order());   // in the README, not in the app
    }

    [Fact]
    public void No_source_file_reads_a_setting_by_its_raw_key()
    {
        var functions = Path.Combine(RepositoryRoot.Path, "functions");
        var settingsFolder = Path.Combine(functions, "Ervaring.Functions", "Hosting", "Settings") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(functions, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.StartsWith(settingsFolder, StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("\"Ervaring:", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f)).ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("Ervaring:RateLimits:AdminPerMinute", "0", "Ervaring:RateLimits:AdminPerMinute moet een geheel getal van minstens 1 zijn")]
    [InlineData("Ervaring:Mixing:MinimumBatch", "-3", "Ervaring:Mixing:MinimumBatch moet een geheel getal van minstens 1 zijn")]
    [InlineData("Ervaring:ApiKeys:onderzoek:Role", "baas", "Ervaring:ApiKeys:onderzoek:Role moet 'beheerder' of 'onderzoeker' zijn")]
    [InlineData("Ervaring:ApiKeys:onderzoek:Role", "onderzoeker", "Ervaring:ApiKeys:onderzoek hoort bij gemeenten of bij de hele regio: zet Ervaring:ApiKeys:onderzoek:Municipalities")]
    [InlineData("Ervaring:ApiKeys:onderzoek:Municipalities", "Voorbeeldstad", "Ervaring:ApiKeys:onderzoek heeft zowel Municipalities als Region=true")]
    [InlineData("Ervaring:Secrets:HashPepper", "dGVrb3J0", "Ervaring:Secrets:HashPepper moet base64 van minstens 32 willekeurige bytes zijn")]
    [InlineData("Ervaring:Storage:TableEndpoint", "https://x.table.core.windows.net", "Ervaring:Storage:BlobEndpoint")]
    public async Task A_wrong_setting_stops_the_start_with_a_Dutch_sentence_naming_it(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Ervaring:ApiKeys:", StringComparison.Ordinal))
        {
            settings["Ervaring:ApiKeys:onderzoek:Key"] = "een-sleutel-van-genoeg-tekens";
            settings.TryAdd("Ervaring:ApiKeys:onderzoek:Role", "onderzoeker");
            // A regional key, except in the case about a key that belongs to no municipality.
            if (value != "onderzoeker") settings["Ervaring:ApiKeys:onderzoek:Region"] = "true";
        }
        if (key.StartsWith("Ervaring:Storage:", StringComparison.Ordinal)) settings["Ervaring:Storage:ConnectionString"] = "";
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => AppInstance.StartAsync("UseDevelopmentStorage=true", settings));
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Municipalities (issue 15): a unique name, a logo we can serve (PNG or JPEG by its bytes, at most 100 KB), e-mail shapes.</summary>
    [Theory]
    [InlineData("no name", "Ervaring:Municipalities:b:Name ontbreekt")]
    [InlineData("twice", "Ervaring:Municipalities:b:Name 'eikenburg' staat er twee keer in")]
    [InlineData("same address", "krijgt hetzelfde adres (/privacy/eiken-burg)")]
    [InlineData("missing logo", "Ervaring:Municipalities:b:Logo: het bestand 'gemeente-logos/bestaat-niet.png' bestaat niet")]
    [InlineData("not an image", "Ervaring:Municipalities:b:Logo: het bestand")]
    [InlineData("too big", "een logo mag hoogstens 100 KB zijn")]
    [InlineData("bad e-mail", "Ervaring:Municipalities:b:HelpEmail 'vragen at eikenburg' is geen e-mailadres")]
    [InlineData("bad privacy contact", "Ervaring:Municipalities:b:PrivacyContact 'bel ons' is geen e-mailadres en geen webadres")]
    public async Task A_wrong_municipality_setting_stops_the_start_with_a_Dutch_sentence_naming_it(string problem, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("ervaring-logo-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["Ervaring:Municipalities:a:Name"] = "Eikenburg", ["Ervaring:Municipalities:b:Name"] = "Lindenhout" };
            switch (problem)
            {
                case "no name": settings["Ervaring:Municipalities:b:Name"] = " "; settings["Ervaring:Municipalities:b:HelpPhone"] = "14 0555"; break;
                case "twice": settings["Ervaring:Municipalities:b:Name"] = "eikenburg"; break;
                case "same address": settings["Ervaring:Municipalities:a:Name"] = "Eiken-Burg"; settings["Ervaring:Municipalities:b:Name"] = "Eiken Burg"; break;
                case "missing logo": settings["Ervaring:Municipalities:b:Logo"] = "gemeente-logos/bestaat-niet.png"; break;
                case "not an image":
                    await File.WriteAllTextAsync(Path.Combine(folder, "logo.png"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
                    settings["Ervaring:Municipalities:b:Logo"] = Path.Combine(folder, "logo.png");
                    expected += $" '{Path.Combine(folder, "logo.png")}' is geen PNG- of JPEG-afbeelding";
                    break;
                case "too big":
                    await File.WriteAllBytesAsync(Path.Combine(folder, "logo.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[150 * 1024]]);
                    settings["Ervaring:Municipalities:b:Logo"] = Path.Combine(folder, "logo.png");
                    break;
                case "bad e-mail": settings["Ervaring:Municipalities:b:HelpEmail"] = "vragen at eikenburg"; break;
                case "bad privacy contact": settings["Ervaring:Municipalities:b:PrivacyContact"] = "bel ons"; break;
            }
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => AppInstance.StartAsync("UseDevelopmentStorage=true", settings));
            Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_configured_municipality_with_the_demo_logo_passes_validation()
    {
        var settings = new ErvaringSettings();
        settings.Municipalities["v"] = new MunicipalitySetting
        {
            Name = "Voorbeeldstad", Logo = RepositoryRoot.Combine("gemeente-logos", "voorbeeldstad.png"),
            HelpEmail = "jeugdonderzoek@voorbeeldstad.example", PrivacyContact = "https://www.voorbeeldstad.example/privacy",
        };
        Assert.True(new ErvaringSettingsValidation().Validate(null, settings).Succeeded);
    }

    [Fact]
    public async Task A_key_naming_a_municipality_the_deployment_does_not_have_stops_the_start()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ervaring:Municipalities:vb:Name"] = "Voorbeeldstad",
            ["Ervaring:ApiKeys:vb:Key"] = "een-sleutel-van-genoeg-tekens",
            ["Ervaring:ApiKeys:vb:Role"] = "beheerder",
            ["Ervaring:ApiKeys:vb:Municipalities"] = "Voorbeeldstad, Havendrop",
        };
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => AppInstance.StartAsync("UseDevelopmentStorage=true", settings));
        Assert.Contains("Ervaring:ApiKeys:vb:Municipalities noemt 'Havendrop', maar die gemeente staat niet in Ervaring:Municipalities", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'Voorbeeldstad'", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The keys in the README's configuration table: "`Ervaring:A:B`, `C`" is A:B and A:C; "`…:{n}:Key`, `:Role`" is …:{n}:Role.</summary>
    private static HashSet<string> DocumentedKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "README.md")))
        {
            if (!line.StartsWith("| `Ervaring:", StringComparison.Ordinal)) continue;
            var firstCell = line.Split('|')[1];
            var names = BacktickedName().Matches(firstCell).Select(m => m.Groups[1].Value).ToList();
            var first = names[0];
            keys.Add(first);
            var parent = first[..first.LastIndexOf(':')];
            foreach (var sibling in names.Skip(1))
                keys.Add(parent + (sibling.StartsWith(':') ? sibling : ":" + sibling));
        }
        return keys;
    }

    /// <summary>The configuration keys of a settings class: nested classes are sections, a dictionary is a named list.</summary>
    private static IEnumerable<string> SettingKeys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            var t = property.PropertyType;
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
                foreach (var inner in SettingKeys(t.GetGenericArguments()[1], key + ":{n}")) yield return inner;
            else if (t.IsClass && t != typeof(string) && t != typeof(Uri))
                foreach (var inner in SettingKeys(t, key)) yield return inner;
            else yield return key;
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex BacktickedName();
}
