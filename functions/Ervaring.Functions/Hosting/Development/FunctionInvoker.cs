using System.Globalization;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Hosting.Development;

/// <summary>
/// Calls a function method the way the worker does: an instance created from the request's services
/// (constructor injection), the trigger's <see cref="HttpRequest"/> or <see cref="TimerInfo"/>, route values by
/// parameter name and the cancellation token. Functions take nothing else (a wiring test holds them to it).
/// </summary>
public static class FunctionInvoker
{
    public static MethodInfo Resolve(string entryPoint)
    {
        var split = entryPoint.LastIndexOf('.');
        var type = typeof(FunctionInvoker).Assembly.GetType(entryPoint[..split], throwOnError: true)!;
        return type.GetMethod(entryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
               ?? throw new InvalidOperationException($"{entryPoint} bestaat niet in de app.");
    }

    public static Task<object?> InvokeHttpAsync(MethodInfo method, HttpContext http) =>
        InvokeAsync(method, http.RequestServices, parameter =>
            parameter.ParameterType == typeof(HttpRequest) ? http.Request
            : parameter.ParameterType == typeof(CancellationToken) ? http.RequestAborted
            : RouteValue(parameter, http));

    public static Task<object?> InvokeTimerAsync(MethodInfo method, IServiceProvider services, CancellationToken cancellationToken) =>
        InvokeAsync(method, services, parameter =>
            parameter.ParameterType == typeof(TimerInfo) ? new TimerInfo()
            : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
            : throw new InvalidOperationException($"Timerfunctie {method.Name}: parameter {parameter.Name} kan niet gevuld worden."));

    private static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, Func<ParameterInfo, object?> bind)
    {
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        try
        {
            var arguments = method.GetParameters().Select(bind).ToArray();
            object? returned;
            try
            {
                returned = method.Invoke(instance, arguments);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
            if (returned is not Task task) return returned;
            await task;
            return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
        }
        finally
        {
            if (instance is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else if (instance is IDisposable disposable) disposable.Dispose();
        }
    }

    private static object? RouteValue(ParameterInfo parameter, HttpContext http)
    {
        var raw = http.Request.RouteValues.TryGetValue(parameter.Name!, out var value) ? value?.ToString() : null;
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (raw is null) return parameter.ParameterType.IsValueType && Nullable.GetUnderlyingType(parameter.ParameterType) is null ? Activator.CreateInstance(type) : null;
        return type == typeof(string) ? raw : Convert.ChangeType(raw, type, CultureInfo.InvariantCulture);
    }
}
