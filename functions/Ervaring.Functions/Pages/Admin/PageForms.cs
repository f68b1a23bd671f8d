namespace Ervaring.Functions.Pages.Admin;

/// <summary>Reading a form posted to an admin page.</summary>
public static class PageForms
{
    /// <summary>
    /// The cancellation token for the work a form post asks for, once its form is read: none. When a second click
    /// comes while the first post is under way, the browser cancels the first request (the second submission
    /// replaces its navigation), and the request's token is cancelled with it, here as under the Functions host.
    /// Work stopped there would leave the first click half done (a claim given up with half a report version
    /// written, an action's reservation without the action); carried through, the second post finds the first
    /// one's result and answers with it.
    /// </summary>
    public static CancellationToken Carried => CancellationToken.None;

    /// <summary>
    /// The posted form, or the bare status the minimal APIs answered when they could not bind one (the function
    /// pipeline gives it a Dutch body): 415 for another content type; 400 (or the server's own status, such as 413)
    /// for a cut-off or malformed body. ReadFormAsync throws on all of those, which would otherwise be a 500.
    /// </summary>
    public static async Task<(IFormCollection? Form, IResult? Refused)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return (null, Results.StatusCode(StatusCodes.Status415UnsupportedMediaType));
        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or BadHttpRequestException)
        {
            return (null, Results.StatusCode(ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest));
        }
    }
}
