using Ervaring.Core.Frames;
using Ervaring.Core.Invitations;
using Ervaring.Core.Sampling;
using Ervaring.Core.Waves;
using Ervaring.Storage.Invitations;

namespace Ervaring.Functions.Sampling;

/// <summary>
/// The part of a draw that calibration needs (docs/statistics.md, "Weighting"): the frame's counts per stratum and
/// category, kept in the audit record, and each invitation's duration band, which its response will carry.
/// </summary>
public static class CalibrationCaptures
{
    /// <summary>The counts of a calibrating wave's frame; null when the wave post-stratifies.</summary>
    public static CalibrationCapture? Of(WaveSettings settings, Frame frame, SamplingDesign design) =>
        settings.Calibration is { } variables ? CalibrationCapture.Of(frame, design, variables, settings.SuppressionThreshold) : null;

    /// <summary>The invitations to store: the issued ones with their client's coarse attributes from the frame.</summary>
    public static List<InvitationRecord> Records(string waveId, Frame frame, IReadOnlyList<IssuedInvitation> issued, SamplingDesign design,
        WaveSettings settings, CalibrationCapture? calibration)
    {
        var byReference = frame.Records.ToDictionary(r => r.ClientReference, StringComparer.Ordinal);
        return issued.Select(i =>
        {
            var client = byReference[i.ClientReference];
            return new InvitationRecord
            {
                WaveId = waveId,
                InvitationId = i.InvitationId,
                ClientReference = i.ClientReference,
                Audience = i.Audience.Name(),
                Municipality = client.Municipality,
                CareType = FrameVocabulary.Name(client.CareType),
                AgeBand = i.AgeBand,
                AgeGroup = Ervaring.Core.Surveys.RespondentFrame.AgeGroups.Of(client.Age),
                Referrer = FrameVocabulary.Name(client.Referrer),
                DurationBand = calibration is null ? "" : calibration.DurationBandOf(client, design, settings.Calibration!, frame.ReferenceDate),
                StratumKey = i.StratumKey,
                LinkHash = i.LinkTokenHash,
                CodeHash = i.ShortCodeHash,
            };
        }).ToList();
    }
}
