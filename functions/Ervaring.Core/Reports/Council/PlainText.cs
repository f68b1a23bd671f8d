using System.Text;

namespace Ervaring.Core.Reports.Council;

/// <summary>A block of an officer's text: a paragraph, or a list of bullet lines.</summary>
public sealed record TextBlock(bool IsList, IReadOnlyList<string> Lines);

/// <summary>
/// The only formatting officers' texts may have: paragraphs (separated by an empty line) and bullet lines
/// (starting with "- ", "* " or "• "). Text is kept as plain text — pages encode it when they render it, so
/// typed HTML shows as the characters typed and never becomes markup. Control characters are removed.
/// </summary>
public static class PlainText
{
    /// <summary>Trims, normalises line ends to \n, removes control characters and zero-width/bidi marks.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n").Replace('\r', '\n').Normalize(NormalizationForm.FormC))
        {
            if (c == '\n' || c == '\t') { builder.Append(c == '\t' ? ' ' : c); continue; }
            if (char.IsControl(c)) continue;
            // Zero-width and bidirectional-override characters can hide or reorder text; keep what a reader sees.
            if (c is >= '\u200B' and <= '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFEFF') continue;
            builder.Append(c);
        }
        var lines = builder.ToString().Split('\n').Select(l => l.TrimEnd());
        return string.Join('\n', lines).Trim();
    }

    /// <summary>One line: no line breaks at all (names, short fields).</summary>
    public static string CleanLine(string? text) => string.Join(' ', Clean(text).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static IReadOnlyList<TextBlock> Blocks(string text)
    {
        var blocks = new List<TextBlock>();
        var paragraph = new List<string>();
        var bullets = new List<string>();
        void Flush()
        {
            if (paragraph.Count > 0) blocks.Add(new TextBlock(false, [string.Join(' ', paragraph)]));
            if (bullets.Count > 0) blocks.Add(new TextBlock(true, bullets.ToList()));
            paragraph.Clear();
            bullets.Clear();
        }
        foreach (var raw in Clean(text).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) { Flush(); continue; }
            if (BulletText(line) is { } item)
            {
                if (paragraph.Count > 0) { blocks.Add(new TextBlock(false, [string.Join(' ', paragraph)])); paragraph.Clear(); }
                bullets.Add(item);
            }
            else
            {
                if (bullets.Count > 0) { blocks.Add(new TextBlock(true, bullets.ToList())); bullets.Clear(); }
                paragraph.Add(line);
            }
        }
        Flush();
        return blocks;
    }

    private static string? BulletText(string line) =>
        line.Length > 2 && line[0] is '-' or '*' or '•' && line[1] == ' ' ? line[2..].Trim() : null;
}
