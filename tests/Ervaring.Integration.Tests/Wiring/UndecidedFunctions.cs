using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Integration.Tests.Wiring;

/// <summary>
/// A deliberately broken function for the wiring checker: no access decision, and a parameter the development
/// server could not fill. It lives in the test assembly, so the app never serves it.
/// </summary>
public sealed class UndecidedFunctions
{
    [Function("Undecided")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "onbeslist")] HttpRequest request, string unbound) => Results.Ok();
}
