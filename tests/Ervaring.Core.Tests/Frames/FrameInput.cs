using System.Text;
using Ervaring.Core.Frames;

namespace Ervaring.Core.Tests.Frames;

/// <summary>The frame files the parser tests feed it: a header, rows, optionally a byte order mark.</summary>
internal static class FrameInput
{
    public const string Header = "clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum";
    public static readonly FrameParseOptions Options = new(new DateOnly(2025, 1, 1), ["Utrecht", "Zeist", "'s-Hertogenbosch"]);

    public static FrameParseResult Parse(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        return FrameParser.Parse(new MemoryStream(bytes), Options);
    }

    public static FrameParseResult ParseRows(params string[] rows) => Parse(Header + "\n" + string.Join("\n", rows) + "\n");

    public static FrameRowError SingleError(FrameParseResult result)
    {
        Assert.Empty(result.FileErrors);
        return Assert.Single(result.RowErrors);
    }
}
