using Ervaring.Functions.Reports;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>The open-data dictionary (docs/open-data.md) names every column the CSV has, so no column goes unexplained.</summary>
public sealed class OpenDataDictionaryTests
{
    [Fact]
    public void Every_csv_column_is_in_the_dictionary()
    {
        var dictionary = File.ReadAllText(RepositoryRoot.Combine("docs", "open-data.md"));
        var missing = OpenData.Columns.Where(c => !dictionary.Contains($"| `{c}`", StringComparison.Ordinal) && !dictionary.Contains($", `{c}` |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "columns without a line in docs/open-data.md: " + string.Join(", ", missing));
    }
}
