namespace Ervaring.Core.Sampling;

/// <summary>
/// The one ordering of labels that contain age bands, for every list an officer or reader sees. Sorted as text,
/// age bands come out as 0-3, 12-17, 18-23, 4-11; here every run of digits compares as a number, so they come in
/// age order (0-3, 4-11, 12-17, 18-23) on their own and inside stratum keys ("Stad|ambulant|4-11"). Anything else
/// keeps its ordinal text order, so the order is the same on every machine.
/// </summary>
public sealed class AgeBandOrder : IComparer<string?>
{
    public static AgeBandOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var (a, nextI) = Number(x, i);
                var (b, nextJ) = Number(y, j);
                if (a != b) return a.CompareTo(b);
                (i, j) = (nextI, nextJ);
                continue;
            }
            if (x[i] != y[j]) return x[i].CompareTo(y[j]);
            i++;
            j++;
        }
        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    private static (long Value, int Next) Number(string text, int start)
    {
        long value = 0;
        var k = start;
        // Digit runs longer than 18 cannot be age bands; cap them so they never overflow.
        for (; k < text.Length && char.IsAsciiDigit(text[k]); k++)
            if (k - start < 18) value = value * 10 + (text[k] - '0');
        return (value, k);
    }
}
