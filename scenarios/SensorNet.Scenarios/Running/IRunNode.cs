using SensorNet.Energy.Accounting;
using SensorNet.NodeKernel.Kernel;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>What the runner needs of a node, whatever it runs.</summary>
internal interface IRunNode
{
    int Id { get; }

    NodeEnergy Energy { get; }

    void Boot(SimTime now);

    NodeSummary Summarise(SimDuration duration);

    KernelReport? Kernel(SimDuration duration);

    IReadOnlyList<ProcessReport> Processes();
}
