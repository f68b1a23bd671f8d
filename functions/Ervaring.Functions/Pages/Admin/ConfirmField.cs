namespace Ervaring.Functions.Pages.Admin;

/// <summary>A text field on a confirmation page, with what was typed and its errors when the post was refused.</summary>
public sealed record ConfirmField(string Name, string Label, string? Hint, string? Value = null)
{
    public IReadOnlyList<string> Errors { get; init; } = [];
}
