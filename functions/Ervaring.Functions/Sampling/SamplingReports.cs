using Ervaring.Core.Frames;
using Ervaring.Core.Sampling;

namespace Ervaring.Functions.Sampling;

// What the sampling steps answer (the API's bodies and the pages' models).

public sealed record FrameImportReport(
    string Fingerprint, int DataRows, int Accepted, int Rejected, bool DroppedInvalid,
    IReadOnlyList<RowProblem> RejectedRows, IReadOnlyList<CompositionCell> Composition);

public sealed record RowProblem(int Line, string? Column, string Reason);

public sealed record SampleReport(
    string SeedHex, double Offset, string FrameFingerprint, string SampleFingerprint, int Clients, int Invitations,
    IReadOnlyList<DomainCount> Domains, IReadOnlyList<StratumCount> Strata);

/// <param name="InvitationsMatch">
/// Whether the invitations in storage are exactly the recorded sample (every drawn client, each once per audience,
/// nobody else); null once they are deleted at close.
/// </param>
public sealed record VerificationReport(bool Matches, bool FrameFingerprintMatches, bool SampleFingerprintMatches, string FrameFingerprint, IReadOnlyList<string> Differences,
    bool? InvitationsMatch = null);
