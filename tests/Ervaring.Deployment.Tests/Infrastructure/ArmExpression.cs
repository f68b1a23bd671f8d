namespace Ervaring.Deployment.Tests.Infrastructure;

/// <summary>Just enough of the ARM expression language to read the app settings the template builds with createObject.</summary>
public static class ArmExpression
{
    /// <summary>
    /// The name/value pairs of the first <c>createObject(…)</c> in an expression. A quoted literal value comes back
    /// unquoted; any other value comes back as its expression text, bracketed like a template value ("[reference(…)]").
    /// </summary>
    public static Dictionary<string, string> CreateObjectPairs(string expression)
    {
        const string call = "createObject(";
        var start = expression.IndexOf(call, StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"No createObject in {expression}");
        var arguments = TopLevelArguments(expression, start + call.Length);
        if (arguments.Count % 2 != 0) throw new InvalidOperationException("createObject needs name/value pairs.");
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i += 2)
            pairs[Unquote(arguments[i]) ?? throw new InvalidOperationException($"Name {arguments[i]} is not a literal.")] =
                Unquote(arguments[i + 1]) ?? $"[{arguments[i + 1]}]";
        return pairs;
    }

    /// <summary>Splits the arguments of the call whose '(' ends just before <paramref name="from"/>, at its own commas.</summary>
    private static List<string> TopLevelArguments(string text, int from)
    {
        var arguments = new List<string>();
        int depth = 0, begin = from;
        var inString = false;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\'' && i + 1 < text.Length && text[i + 1] == '\'') i++;   // '' is a quote inside a string
                else if (c == '\'') inString = false;
                continue;
            }
            switch (c)
            {
                case '\'': inString = true; break;
                case '(' or '[': depth++; break;
                case ')' or ']' when depth > 0: depth--; break;
                case ')':
                    arguments.Add(text[begin..i].Trim());
                    return arguments;
                case ',' when depth == 0:
                    arguments.Add(text[begin..i].Trim());
                    begin = i + 1;
                    break;
            }
        }
        throw new InvalidOperationException("Unclosed call in expression.");
    }

    private static string? Unquote(string argument) =>
        argument.Length >= 2 && argument[0] == '\'' && argument[^1] == '\'' && !argument[1..^1].Replace("''", "", StringComparison.Ordinal).Contains('\'')
            ? argument[1..^1].Replace("''", "'", StringComparison.Ordinal)
            : null;
}
