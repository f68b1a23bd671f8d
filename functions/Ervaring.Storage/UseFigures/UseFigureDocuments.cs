using Ervaring.Core.Reports.UseFigures;

namespace Ervaring.Storage.UseFigures;

/// <summary>
/// A wave's use figures (issue 14, point 3): one JSON blob per wave, <c>usefigures/{waveId}.json</c> in the container
/// <c>audit</c> beside the draw's audit record — aggregated counts only, never a client row, so they may outlive the
/// frame. Written at the draw (a draw again writes the same counts over them, or those of a new frame).
/// </summary>
public static class UseFigureDocuments
{
    public static string BlobName(string waveId) => $"usefigures/{waveId}.json";

    public static Task SaveUseFiguresAsync(this BlobDocuments documents, WaveUseFigures figures, CancellationToken cancellationToken = default) =>
        documents.SaveJsonAsync(StorageNames.Containers.Audit, BlobName(figures.WaveId), figures, overwrite: true, cancellationToken);

    public static Task<WaveUseFigures?> ReadUseFiguresAsync(this BlobDocuments documents, string waveId, CancellationToken cancellationToken = default) =>
        documents.ReadJsonAsync<WaveUseFigures>(StorageNames.Containers.Audit, BlobName(waveId), cancellationToken);
}
