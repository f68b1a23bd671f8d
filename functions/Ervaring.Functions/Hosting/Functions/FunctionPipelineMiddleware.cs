using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Ervaring.Functions.Hosting.Functions;

/// <summary>
/// In Azure: runs every HTTP function inside the <see cref="FunctionPipeline"/>. The worker's ASP.NET Core
/// integration gives the invocation's <see cref="HttpContext"/>; the pipeline writes the answer itself, and the
/// invocation result becomes an empty result so the integration does not write a second one.
/// </summary>
public sealed class FunctionPipelineMiddleware(FunctionPipeline pipeline) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is null || !HttpFunctionCatalog.Instance.Http.TryGetValue(context.FunctionDefinition.Name, out var function))
        {
            await next(context);
            return;
        }
        // The host matched the route, not the worker: make its route values (the wave id above all, which the
        // municipality check and the audit log read) available the way the development server has them.
        foreach (var parameter in function.RouteParameters)
            if (!http.Request.RouteValues.ContainsKey(parameter) && context.BindingContext.BindingData.TryGetValue(parameter, out var value))
                http.Request.RouteValues[parameter] = value?.ToString();
        await pipeline.RunAsync(http, function, async () =>
        {
            await next(context);
            return context.GetInvocationResult().Value;
        });
        context.GetInvocationResult().Value = new EmptyResult();
    }
}
