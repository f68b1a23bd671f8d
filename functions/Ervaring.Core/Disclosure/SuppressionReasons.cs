namespace Ervaring.Core.Disclosure;

/// <summary>Dutch reasons shown next to a hidden figure.</summary>
public static class SuppressionReasons
{
    public static string TooFewRespondents(int k) => $"minder dan {k} respondenten";

    public const string Secondary = "aanvullend verborgen zodat een verborgen cel niet terug te rekenen is";
}
