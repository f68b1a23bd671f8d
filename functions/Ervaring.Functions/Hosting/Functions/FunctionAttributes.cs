namespace Ervaring.Functions.Hosting.Functions;

/// <summary>Who may call an HTTP function. Every HTTP function declares one (a wiring test enumerates them).</summary>
public enum Access
{
    /// <summary>Anyone, by a decision written in <see cref="AccessAttribute.Why"/>.</summary>
    Public,
    /// <summary>Reads progress, interim results and masked open answers (a beheerder may too).</summary>
    Onderzoeker,
    /// <summary>Manages waves, frames, samples, invitations, closing and publication.</summary>
    Beheerder,
}

/// <summary>
/// The access decision of an HTTP function, next to its <c>[Function]</c> attribute where a reader sees it.
/// The cross-cutting <see cref="FunctionPipeline"/> enforces it in Azure and in the development server alike.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class AccessAttribute(Access level) : Attribute
{
    public Access Level { get; } = level;

    /// <summary>Why a public function is public; required for <see cref="Access.Public"/>.</summary>
    public string? Why { get; init; }
}

/// <summary>Public by a listed decision: the reason is part of the attribute.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PublicAttribute : AccessAttribute
{
    public PublicAttribute(string why) : base(Access.Public) => Why = why;
}

/// <summary>For the onderzoeker (and the beheerder).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OnderzoekerAttribute() : AccessAttribute(Access.Onderzoeker);

/// <summary>For the beheerder only.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BeheerderAttribute() : AccessAttribute(Access.Beheerder);

/// <summary>
/// An officer's function without a wave in its route (lists, creation, overviews) says here how it keeps to the
/// officer's municipalities, in code (<see cref="Security.OfficerScope"/>), since the pipeline has no wave to check.
/// Every officer function either has <c>{id}</c> in its route (checked centrally) or this attribute; a wiring test
/// holds every function to that, so a new endpoint cannot forget the municipalities.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScopeInCodeAttribute(string how) : Attribute
{
    public string How { get; } = how;
}

/// <summary>
/// The function answers with an HTML page: page headers (no caching, strict CSP), Dutch HTML error pages,
/// and a sign-in redirect instead of a bare 401.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PageAttribute : Attribute
{
    /// <summary>The page may load its own scripts from /assets/ (never inline, never elsewhere).</summary>
    public bool AllowOwnScripts { get; init; }
}

/// <summary>A form post from our own pages: a valid antiforgery token is required before the function runs.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FormPostAttribute : Attribute;

/// <summary>The largest request body the function accepts (the default is <see cref="FunctionPipeline.DefaultMaxBodyBytes"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MaxBodyAttribute(long bytes) : Attribute
{
    public long Bytes { get; } = bytes;
}

/// <summary>For the OpenAPI description: what the function does, in one Dutch line, and its group.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DescribedAttribute(string tag, string summary) : Attribute
{
    public string Tag { get; } = tag;
    public string Summary { get; } = summary;
}

/// <summary>For the OpenAPI description: the request body the function reads.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AcceptsAttribute(string contentType, Type? bodyType = null) : Attribute
{
    public string ContentType { get; } = contentType;
    public Type? BodyType { get; } = bodyType;
}

/// <summary>For the OpenAPI description: an answer the function gives (its type when it has a JSON body).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ReturnsAttribute(int status, Type? bodyType = null, string contentType = "application/json") : Attribute
{
    public int Status { get; } = status;
    public Type? BodyType { get; } = bodyType;
    public string ContentType { get; } = contentType;
}
