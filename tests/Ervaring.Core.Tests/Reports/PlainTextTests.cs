using Ervaring.Core.Reports.Council;

namespace Ervaring.Core.Tests.Reports;

public sealed class PlainTextTests
{
    [Fact]
    public void Paragraphs_and_bullet_lines_are_the_only_structure()
    {
        var blocks = PlainText.Blocks("Eerste regel\nloopt door.\n\n- een\n* twee\n• drie\nNa de lijst.\r\n\r\n# geen kop");
        Assert.Equal(4, blocks.Count);
        Assert.Equal(new TextBlock(false, ["Eerste regel loopt door."]).Lines, blocks[0].Lines);
        Assert.True(blocks[1].IsList);
        Assert.Equal(["een", "twee", "drie"], blocks[1].Lines);
        Assert.Equal(["Na de lijst."], blocks[2].Lines);
        Assert.Equal(["# geen kop"], blocks[3].Lines); // no headings, no markdown: the text as typed
    }

    [Fact]
    public void Control_zero_width_and_bidi_characters_are_removed_and_markup_is_kept_as_text()
    {
        Assert.Equal("ab <b>c</b>", PlainText.Clean("a\u0000b\u200B \u202E<b>c</b>\u0007"));
        Assert.Equal("een twee", PlainText.CleanLine(" een\n\ntwee "));
        Assert.Equal("", PlainText.Clean(" \n\t "));
    }
}
