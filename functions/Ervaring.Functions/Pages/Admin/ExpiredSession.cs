using Ervaring.Functions.Hosting.Functions;
using Microsoft.AspNetCore.Http.Features;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin;

/// <summary>
/// A form sent after the session ran out (issue 20, point 6). Instead of a redirect to the sign-in page, which loses
/// what was typed, the answer is the sign-in page itself (401) saying "uw sessie is verlopen", with the typed fields in
/// hidden inputs. After signing in, <see cref="ResendPage"/> shows what was typed with one button that sends it to the
/// original form's address, with a fresh form token. Nothing is kept on the server: the text travels only in the pages
/// between the browser and us, as it did in the form. Only for our own admin forms (url-encoded, sent from our own pages
/// by the browser: <c>Sec-Fetch-Site: same-origin</c>), so another site cannot make us echo text to an officer.
/// </summary>
public static class ExpiredSession
{
    /// <summary>Prefix of a carried field in the sign-in form, and the field with the original form's path.</summary>
    public const string CarriedPrefix = "bewaard:";
    public const string CarriedAction = "bewaard-naar";

    /// <summary>At most this many fields and characters are carried: an admin form has a handful of short fields.</summary>
    private const int MaxFields = 40;
    private const int MaxChars = 20_000;

    /// <summary>The machine fields of a form: carried again, not shown.</summary>
    public static readonly IReadOnlySet<string> HiddenFields = new HashSet<string>(StringComparer.Ordinal) { "sleutel", "gezien", "scope", "audience", "dimension", "measure", "measures" };

    /// <summary>
    /// When <paramref name="function"/> is an admin form post that came without a valid session: answers with the
    /// sign-in page carrying the typed fields and returns true. Otherwise returns false and the usual challenge follows.
    /// </summary>
    public static async Task<bool> AnswerWithSignInAsync(HttpContext http, HttpFunction function)
    {
        if (!function.FormPost || function.Page is null || function.IsApi || !HttpMethods.IsPost(http.Request.Method)) return false;
        if (http.Request.Headers["Sec-Fetch-Site"].ToString() != "same-origin") return false;
        if (!http.Request.HasFormContentType || http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true) return false;
        var path = http.Request.Path.Value ?? "";
        if (SafeAction(path) is null) return false;
        IFormCollection form;
        try { form = await http.Request.ReadFormAsync(http.RequestAborted); }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException) { return false; }
        var carried = Carry(form.Where(f => f.Key != "__RequestVerificationToken").SelectMany(f => f.Value.Select(v => (f.Key, v ?? ""))));
        if (carried is null) return false;
        await FunctionPipeline.ExecuteAsync(Page<SignInPage>(new { ReturnUrl = AdminSignIn.Home, Carried = carried, CarriedTo = path, Expired = true },
            StatusCodes.Status401Unauthorized), http);
        return true;
    }

    /// <summary>The fields the sign-in form carried back (prefix removed), within the limits; null when over them.</summary>
    public static IReadOnlyList<(string Name, string Value)>? FromSignIn(IFormCollection form) =>
        Carry(form.Where(f => f.Key.StartsWith(CarriedPrefix, StringComparison.Ordinal))
            .SelectMany(f => f.Value.Select(v => (f.Key[CarriedPrefix.Length..], v ?? ""))));

    private static IReadOnlyList<(string Name, string Value)>? Carry(IEnumerable<(string Name, string Value)> fields)
    {
        var list = fields.Take(MaxFields + 1).ToList();
        return list.Count == 0 || list.Count > MaxFields || list.Sum(f => f.Name.Length + f.Value.Length) > MaxChars ? null : list;
    }

    /// <summary>Only the path of one of our admin forms (no query, no other site, no sign-in itself).</summary>
    public static string? SafeAction(string? path) =>
        path is { Length: > 0 } p && p.StartsWith(AdminSignIn.Home + "/", StringComparison.Ordinal) && !p.Contains("//", StringComparison.Ordinal)
        && !p.Contains('\\') && !p.Contains('?') && !p.Contains('#') && p != AdminSignIn.Home + "/inloggen" && p != AdminSignIn.Home + "/uitloggen"
            ? p
            : null;
}
