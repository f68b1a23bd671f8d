using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Security;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin.Fieldwork;

/// <summary>
/// The fieldwork dashboard (issue 20, point 4): reading only, so the onderzoeker may see it too. It shows counts of
/// groups with at least k invited, never an invitation.
/// </summary>
public sealed class FieldworkDashboardFunctions(FieldworkDashboard dashboard)
{
    [Function("PagesFieldworkCourse"), Onderzoeker, Page]
    public async Task<IResult> Course(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/metingen/{id}/veldwerkverloop")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var model = await dashboard.LoadAsync(id, request.HttpContext.User.IsInRole(Roles.Beheerder), cancellationToken);
        if (model is null)
            return Page<MessagePage>(new
            {
                Title = "Meting niet gevonden",
                Text = $"Er is geen meting met kenmerk '{id}'.",
                BackHref = AdminSignIn.Home,
                BackText = "Terug naar de metingen",
            }, StatusCodes.Status404NotFound);
        return Page<FieldworkDashboardPage>(new { Model = model });
    }
}
