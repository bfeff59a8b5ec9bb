using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>A deferred-call client that records when it ran (tock/tock <c>kernel/src/deferred_call.rs</c>).</summary>
internal sealed class FakeDeferredCallClient : IDeferredCallClient
{
    private readonly TockKernel _kernel;

    public FakeDeferredCallClient(TockKernel kernel, string name, long cycles = 0, List<string>? log = null)
    {
        _kernel = kernel;
        Name = name;
        Cycles = cycles;
        Log = log ?? [];
        Index = kernel.DeferredCalls.Create(this);
    }

    public string Name { get; }

    /// <summary>The index <c>DeferredCall::new</c> gave it.</summary>
    public int Index { get; }

    /// <summary>CPU cycles its work takes.</summary>
    public long Cycles { get; set; }

    /// <summary>Runs inside the deferred call.</summary>
    public Action? OnService { get; set; }

    public List<SimTime> ServicedAt { get; } = [];

    public List<string> Log { get; }

    /// <summary>Marks it pending (<c>DeferredCall::set</c>).</summary>
    public void Set() => _kernel.DeferredCalls.Set(Index);

    long IDeferredCallClient.HandleDeferredCall()
    {
        ServicedAt.Add(_kernel.Now);
        Log.Add(Name);
        OnService?.Invoke();
        return Cycles;
    }
}
