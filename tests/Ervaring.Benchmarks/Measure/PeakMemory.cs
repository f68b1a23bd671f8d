using System.Diagnostics;

namespace Ervaring.Benchmarks.Measure;

/// <summary>
/// Peak memory while an operation runs, sampled every 5 ms on a background thread: the managed (GC) heap in
/// use (<see cref="GC.GetTotalMemory(bool)"/>, without forcing a collection) above what was live before the
/// operation started, and the process working set (<see cref="Environment.WorkingSet"/>, resident memory of
/// the whole process, including runtime, JIT and anything else in this process).
/// </summary>
public sealed class PeakMemory : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peakHeap;
    private long _peakWorkingSet;

    public long BaselineHeap { get; }
    public long PeakHeapAboveBaseline => Math.Max(0, Interlocked.Read(ref _peakHeap) - BaselineHeap);
    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    private PeakMemory()
    {
        BaselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        _peakHeap = BaselineHeap;
        _peakWorkingSet = Environment.WorkingSet;
        _thread = new Thread(Sample) { IsBackground = true, Name = "peak-memory" };
        _thread.Start();
    }

    public static PeakMemory Start() => new();

    private void Sample()
    {
        while (!_stop)
        {
            Observe();
            Thread.Sleep(5);
        }
    }

    private void Observe()
    {
        var heap = GC.GetTotalMemory(false);
        var ws = Environment.WorkingSet;
        if (heap > Interlocked.Read(ref _peakHeap)) Interlocked.Exchange(ref _peakHeap, heap);
        if (ws > Interlocked.Read(ref _peakWorkingSet)) Interlocked.Exchange(ref _peakWorkingSet, ws);
    }

    public void Dispose()
    {
        Observe();
        _stop = true;
        _thread.Join();
    }

    /// <summary>Runs <paramref name="action"/> once and returns its wall time, bytes allocated on this thread and peaks.</summary>
    public static Measured Once(Action action)
    {
        using var peak = Start();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        action();
        var elapsed = Stopwatch.GetElapsedTime(started);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        peak.Dispose();
        return new Measured(elapsed, allocated, peak.PeakHeapAboveBaseline, peak.PeakWorkingSet);
    }

    public static async Task<Measured> OnceAsync(Func<Task> action)
    {
        using var peak = Start();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var started = Stopwatch.GetTimestamp();
        await action();
        var elapsed = Stopwatch.GetElapsedTime(started);
        allocated = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        peak.Dispose();
        return new Measured(elapsed, allocated, peak.PeakHeapAboveBaseline, peak.PeakWorkingSet);
    }
}

/// <param name="Allocated">Bytes allocated (current thread for synchronous work; whole process for async work).</param>
public sealed record Measured(TimeSpan Elapsed, long Allocated, long PeakHeap, long PeakWorkingSet);
