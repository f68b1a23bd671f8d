using System.Text;

namespace Ervaring.Integration.Tests.Hardening;

/// <summary>
/// Reads CSV the way a spreadsheet does when told a separator: quotes at the start of a cell group it (doubled
/// quotes inside), a quote anywhere else is just a character, text after a closing quote is kept. Whatever the
/// file's own separator was, this is what a reader assuming <c>separator</c> would put in its cells.
/// </summary>
public static class CsvCells
{
    public static List<List<string>> Parse(string text, char separator)
    {
        text = text.TrimStart('\uFEFF');
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        var cellStarted = false;
        void EndCell() { row.Add(cell.ToString()); cell.Clear(); cellStarted = false; }
        void EndRow() { EndCell(); rows.Add(row); row = []; }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else inQuotes = false;
            }
            else if (c == '"' && !cellStarted) { inQuotes = true; cellStarted = true; }
            else if (c == separator) EndCell();
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { EndRow(); i++; }
            else if (c == '\n') EndRow();
            else { cell.Append(c); cellStarted = true; }
        }
        if (cell.Length > 0 || row.Count > 0) EndRow();
        return rows;
    }

    /// <summary>What a spreadsheet could run as a formula: a cell that starts with = + - @, after any spaces, tabs or line breaks.</summary>
    public static bool LooksLikeFormula(string cell) => cell.TrimStart(' ', '\t', '\r', '\n') is ['=' or '+' or '-' or '@', ..];
}
