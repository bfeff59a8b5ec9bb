namespace SensorNet.NodeKernel.Userspace;

/// <summary>Yield variants, the value of r0 (TRD104 §4.1; tock/tock <c>kernel/src/utilities/arch_helpers.rs</c>).</summary>
public enum YieldVariant : uint
{
    /// <summary>Run one pending upcall if there is one, else return at once.</summary>
    NoWait = 0,

    /// <summary>Block until one upcall has run.</summary>
    Wait = 1,

    /// <summary>Block until a task for one (driver, subscribe) arrives and return its values without calling a function.</summary>
    WaitFor = 2,
}
