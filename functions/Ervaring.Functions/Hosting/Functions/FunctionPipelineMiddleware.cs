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
        await pipeline.RunAsync(http, function, async () =>
        {
            await next(context);
            return context.GetInvocationResult().Value;
        });
        context.GetInvocationResult().Value = new EmptyResult();
    }
}
