using System.Text;
using Ervaring.Core.Comparison;

namespace Ervaring.Core.Tests.Comparison;

/// <summary>Issue 14, point 4: reference figures from CSV — a good file, and every wrong line named with its line and column, nothing kept.</summary>
public sealed class ReferenceFigureCsvTests
{
    private const string Header = "meting;doelgroep;bron;jaar;populatie;waarde;ondergrens;bovengrens;vergelijkbaar;verschil";

    private static ReferenceImport Parse(params string[] lines) => ReferenceFigureCsv.Parse(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    [Fact]
    public void A_good_file_gives_its_figures()
    {
        var import = Parse(Header,
            "toegang;ouders;Landelijk gemiddelde (voorbeeldbron);2024;ouders in heel Nederland;71,5;69,8;73,1;goed;",
            "rapportcijfer;jongeren;\"Benchmark; grote gemeenten\";2023;jongeren in 12 gemeenten;7.4;;;niet goed;andere vraag: cijfer voor de hulpverlener");
        Assert.True(import.Succeeded, string.Join("\n", import.Errors));
        Assert.Equal(2, import.Figures.Count);
        Assert.Equal(new ReferenceFigure("toegang", "ouders", "Landelijk gemiddelde (voorbeeldbron)", 2024, "ouders in heel Nederland", 71.5, 69.8, 73.1, true, null), import.Figures[0]);
        Assert.Equal("Benchmark; grote gemeenten", import.Figures[1].Source);
        Assert.Equal(ReferenceFigureCsv.NotGood, import.Figures[1].ComparabilityLabel);
    }

    [Fact]
    public void Every_wrong_line_is_named_and_nothing_is_kept()
    {
        var import = Parse(Header,
            "toegang;ouders;Bron A;2024;ouders;71;;;goed;",
            "toegan;ouders;Bron A;2024;ouders;71;;;goed;",
            "kwaliteit;ouders;;2024;ouders;71;;;goed;",
            "effect;ouders;Bron B;2024;ouders;140;;;goed;",
            "effect;ouders;Bron C;2024;ouders;60;65;70;goed;",
            "rapportcijfer;ouders;Bron D;2024;ouders;7;;;niet goed;",
            "toegang;ouders;Bron A;2024;ouders;72;;;goed;");
        Assert.False(import.Succeeded);
        Assert.Empty(import.Figures);
        Assert.Contains("Regel 3, kolom 'meting': kies toegang, kwaliteit, effect of rapportcijfer.", import.Errors);
        Assert.Contains(import.Errors, e => e.StartsWith("Regel 4, kolom 'bron'", StringComparison.Ordinal));
        Assert.Contains("Regel 5, kolom 'waarde': '140' is geen percentage van 0 tot en met 100.", import.Errors);
        Assert.Contains(import.Errors, e => e.StartsWith("Regel 6, kolom 'ondergrens': de waarde moet tussen", StringComparison.Ordinal));
        Assert.Contains(import.Errors, e => e.StartsWith("Regel 7, kolom 'verschil'", StringComparison.Ordinal));
        Assert.Contains(import.Errors, e => e.StartsWith("Regel 8: dit cijfer", StringComparison.Ordinal));
        Assert.DoesNotContain(import.Errors, e => e.StartsWith("Regel 2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "leeg")]
    [InlineData("meting;doelgroep;bron\r\n", "ontbreken")]
    [InlineData("meting;doelgroep;bron;jaar;populatie;waarde;vergelijkbaar\r\n", "geen regels")]
    public void A_file_without_usable_lines_is_refused_in_Dutch(string text, string expected) =>
        Assert.Contains(expected, Assert.Single(ReferenceFigureCsv.Parse(Encoding.UTF8.GetBytes(text)).Errors));

    [Fact]
    public void Text_that_is_not_UTF8_is_refused() =>
        Assert.Contains("UTF-8", Assert.Single(ReferenceFigureCsv.Parse([0x6D, 0xFF, 0xFE, 0x3B]).Errors));
}
