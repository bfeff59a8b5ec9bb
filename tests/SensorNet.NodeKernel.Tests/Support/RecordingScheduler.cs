using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>
/// Wraps a scheduler and records every decision and every result with its time, so tests can check what the kernel
/// loop asked for (tock/tock <c>kernel/src/kernel.rs</c> <c>scheduler.next()</c> / <c>scheduler.result()</c>).
/// </summary>
internal sealed class RecordingScheduler(IScheduler inner) : IScheduler
{
    private SimTime _lastNow;

    public string Name => inner.Name;

    /// <summary>The simulation clock, for timestamping results; set after the harness is built.</summary>
    public Func<SimTime>? Clock { get; set; }

    /// <summary>(time, process index or null for TrySleep, timeslice µs).</summary>
    public List<(SimTime At, int? Process, uint? SliceUs)> Decisions { get; } = [];

    /// <summary>(time, reason, executed µs).</summary>
    public List<(SimTime At, StoppedReason Reason, uint? ExecutedUs)> Results { get; } = [];

    /// <summary>Decisions that ran a process.</summary>
    public IEnumerable<(SimTime At, int? Process, uint? SliceUs)> Runs => Decisions.Where(d => d.Process is not null);

    public void Initialize(IReadOnlyList<TockProcess> processes) => inner.Initialize(processes);

    public SchedulingDecision ChooseNext(SimTime now)
    {
        _lastNow = now;
        SchedulingDecision d = inner.ChooseNext(now);
        Decisions.Add((now, d.Process?.Index, d.TimesliceUs));
        return d;
    }

    public void Result(StoppedReason reason, uint? executedUs)
    {
        Results.Add((Clock?.Invoke() ?? _lastNow, reason, executedUs));
        inner.Result(reason, executedUs);
    }

    public bool ContinueProcess(TockProcess process, bool kernelWorkPending) => inner.ContinueProcess(process, kernelWorkPending);
}
