namespace Ervaring.Functions.Api;

/// <summary>
/// An officer's action cannot take effect (again): it already did, another request for it is under way, or the
/// wave changed meanwhile. Thrown only where a service cannot return an <see cref="Outcome{T}"/>; the error
/// handling answers it as a 409 problem with <see cref="Exception.Message"/> (Dutch, for the officer) as detail.
/// </summary>
public sealed class ActionConflictException(string dutchDetail) : Exception(dutchDetail)
{
    public Problem ToProblem() => Problem.Conflict(Message);
}
