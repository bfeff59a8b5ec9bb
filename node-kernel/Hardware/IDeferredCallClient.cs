namespace SensorNet.NodeKernel.Hardware;

/// <summary>A client of a deferred call (tock/tock <c>kernel/src/deferred_call.rs</c> <c>DeferredCallClient</c>).</summary>
public interface IDeferredCallClient
{
    /// <summary>Runs the deferred work.</summary>
    /// <returns>CPU cycles it takes, on top of the kernel's fixed deferred-call cost.</returns>
    long HandleDeferredCall();
}
