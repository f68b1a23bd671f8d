using System.Globalization;

namespace Ervaring.Functions.Api;

/// <summary>
/// Optional query-string values, read as the minimal-API binder read them before the move to functions: absent or
/// empty means "not given" (the caller's default applies); a value that does not parse makes the request a bare 400,
/// which the function pipeline answers with the usual Dutch problem body.
/// </summary>
public static class QueryValues
{
    public static bool TryInt(HttpRequest request, string name, out int? value)
    {
        value = null;
        string? raw = request.Query[name];
        if (string.IsNullOrEmpty(raw)) return true;
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) return false;
        value = parsed;
        return true;
    }

    public static bool TryBool(HttpRequest request, string name, out bool? value)
    {
        value = null;
        string? raw = request.Query[name];
        if (string.IsNullOrEmpty(raw)) return true;
        if (!bool.TryParse(raw, out var parsed)) return false;
        value = parsed;
        return true;
    }
}
